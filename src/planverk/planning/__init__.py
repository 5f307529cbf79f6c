"""The planning year: next year's plan (`new`), follow-up status (`status`), a new plan
repository (`init`). Nothing heavy is imported here."""
