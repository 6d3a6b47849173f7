"""A note read whole: its Markdown, its front matter and its claims, each with its parse tree."""
