"""Publishing: everything that turns checked plans into files for people.

The layer above render, diff and planning and below the command line: it loads, lets only
plans without errors through (:mod:`.gate`), runs the document rules, decides where output
may go (:mod:`.guard`) and writes all files or none (:mod:`.write`). Everything a command
writes goes through here, so a library user gets the same safety as the command line.

The package imports none of its modules itself: ``planverk.publish.gate`` is what every
command's error handling needs, and it must not bring render along (``validate`` starts in
a tenth of a second).
"""
