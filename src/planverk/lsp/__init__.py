"""`planverk lsp`: a Language Server Protocol server for the plan files.

The server (:mod:`planverk.lsp.server`) wires the editor's requests to small modules, one
job each: the plan folder as the editor sees it (:mod:`~planverk.lsp.store`), findings as
`planverk validate` makes them, re-checking only what an edit can change
(:mod:`~planverk.lsp.checker`), ids and their references across files
(:mod:`~planverk.lsp.symbols`), and the features: diagnostics, completion, hover,
definition and references, rename and code actions.
"""
