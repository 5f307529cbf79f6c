"""The structure of a rendered document (headings, paragraphs, lists, tables, links),
shared by the writers, the document rules and everything that reads a document back."""
