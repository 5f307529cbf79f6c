"""Advance widths of DejaVu Sans and DejaVu Sans Bold, in thousandths of an em.

python-pptx cannot measure text, so the slide writer estimates line breaks from these widths.
DejaVu Sans is the font LibreOffice falls back to where a template's font (Arial, Calibri, a
region's own) is missing, and it is wider than Arial, Helvetica, Calibri and Segoe UI: an
estimate made with it holds for those fonts too. Characters not listed count as one em
(wider than any listed regular glyph but the em dash).

Generated from DejaVu Sans 2.37 (Debian's fonts-dejavu-core) with Pillow at 1000 px, each
width rounded up. Regenerate (and paste the output over the tables below) with::

    python -m planverk.render.fontwidths /usr/share/fonts/truetype/dejavu
"""

from __future__ import annotations

import math
import sys
import textwrap

CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    "¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ"
    "–—‘’‚“”„•…€−‐‑"
)
_REGULAR = (
    "318 401 460 838 637 951 780 275 391 391 500 838 318 361 318 337 637 637 637 637 637 637 "
    "637 637 637 637 337 337 838 838 838 531 1000 685 687 699 771 632 576 775 752 295 295 656 "
    "558 863 749 788 604 788 695 635 611 732 685 989 686 611 686 391 337 391 838 500 500 613 "
    "635 550 635 616 353 635 634 278 278 580 278 975 634 612 635 635 412 521 393 634 592 818 "
    "592 592 525 637 337 637 838 401 637 637 637 637 337 500 500 1000 472 612 838 1000 500 "
    "500 838 401 401 500 637 637 318 500 401 472 612 970 970 970 531 685 685 685 685 685 685 "
    "975 699 632 632 632 632 295 295 295 295 775 749 788 788 788 788 788 838 788 732 732 732 "
    "732 611 605 630 613 613 613 613 613 613 982 550 616 616 616 616 278 278 278 278 612 634 "
    "612 612 612 612 612 838 612 634 634 634 634 592 635 592 500 1000 318 318 318 519 519 519 "
    "590 1000 637 838 361 361 "
)
_BOLD = (
    "349 457 521 838 696 1002 873 307 458 458 523 838 380 416 380 366 696 696 696 696 696 696 "
    "696 696 696 696 400 400 838 838 838 581 1000 774 763 734 831 684 684 821 837 373 373 775 "
    "638 996 837 851 733 851 771 721 683 813 774 1104 771 725 726 458 366 458 838 500 500 675 "
    "716 593 716 679 436 716 712 343 343 666 343 1042 712 688 716 716 494 596 479 712 652 924 "
    "646 652 583 712 366 712 838 457 696 696 637 696 366 500 500 1000 564 646 838 1000 500 "
    "500 838 438 438 500 736 637 380 500 438 564 646 1036 1036 1036 581 774 774 774 774 774 "
    "774 1085 734 684 684 684 684 373 373 373 373 838 837 851 851 851 851 851 838 851 813 813 "
    "813 813 725 738 720 675 675 675 675 675 675 1048 593 679 679 679 679 343 343 343 343 688 "
    "712 688 688 688 688 688 838 688 712 712 712 712 652 716 652 500 1000 380 380 380 658 658 "
    "658 640 1000 696 838 416 416 "
)
REGULAR: dict[str, int] = dict(zip(CHARS, map(int, "".join(_REGULAR).split()), strict=True))
BOLD: dict[str, int] = dict(zip(CHARS, map(int, "".join(_BOLD).split()), strict=True))
UNKNOWN = 1000


def main(argv: list[str]) -> int:
    """Print the width tables for the DejaVu Sans in the folder given."""
    from PIL import ImageFont

    folder = argv[0] if argv else "/usr/share/fonts/truetype/dejavu"
    for name, file in (("REGULAR", "DejaVuSans.ttf"), ("BOLD", "DejaVuSans-Bold.ttf")):
        font = ImageFont.truetype(f"{folder}/{file}", 1000)
        body = " ".join(str(math.ceil(font.getlength(c))) for c in CHARS)
        print(f"_{name} = (")
        for line in textwrap.wrap(body, 88):
            print(f'    "{line} "')
        print(")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
