"""`planverk diff`: what changed between two years, two periods or two versions of the plans.

One way through: plans → comparable trees (:mod:`.build`, :mod:`.tree`) → matching by id,
then by text (:mod:`.match`) → change records in one DiffResult (:mod:`.compare`,
:mod:`.model`; word by word in :mod:`.words`) → outputs: terminal (:mod:`.text`), Markdown
(:mod:`.markdown`), JSON (:mod:`.jsonout`) and Word with tracked changes (:mod:`.word`).
:mod:`.select` picks the plans and is the entry point; :mod:`.gitrev` reads a git revision.
"""
