"""LaTeX maths -> SymPy: a lark grammar, a post-lexer and a builder that resolves names."""
