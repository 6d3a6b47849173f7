"""One module per kind of slip: each search takes the workbench and returns a Diagnosis or None."""
