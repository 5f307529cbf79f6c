"""Reports from the owners through Excel: a report workbook out, the filled-in one back in.

- :mod:`~planverk.intake.selection` decides which actions each owner reports on for a
  period, and what the owner sees of each (the read-only cells and their fingerprints);
- :mod:`~planverk.intake.workbook` makes one workbook per owner (``planverk rapportmall``);
- :mod:`~planverk.intake.read` reads a returned workbook into plain rows with cell
  positions, refusing what is not a workbook;
- :mod:`~planverk.intake.checks` runs the workbook rules (PV501–PV549, one module each in
  :mod:`planverk.rules`) and turns the rows into reports;
- :mod:`~planverk.intake.apply` writes the reports into the handlingsplan files, keeping
  every comment, atomically, all files or none (``planverk import``);
- :mod:`~planverk.intake.missing` lists who has not reported (``status --saknas``).

openpyxl is imported only by the modules that make or read a workbook.
"""
