"""Operating-system errors in Swedish: what went wrong with which path, and what to do."""

from __future__ import annotations

import errno
from pathlib import Path

from planverk.core.errors import UserError

_WRITE = {
    errno.ENOSPC: ("disken är full", "Frigör utrymme, eller skriv till en annan plats med -o."),
    errno.EDQUOT: ("diskkvoten är slut", "Frigör utrymme, eller skriv till en annan plats."),
    errno.EROFS: (
        "filsystemet är skrivskyddat",
        "Skriv till en plats där du får skriva, t.ex. -o ~/plan.docx.",
    ),
    errno.EACCES: ("behörighet att skriva saknas", "Kontrollera mappens och filens behörigheter."),
    errno.EPERM: ("behörighet att skriva saknas", "Kontrollera mappens och filens behörigheter."),
    errno.EISDIR: ("det är en mapp", "Ange en fil, inte en mapp."),
    errno.ENOTDIR: (
        "en del av sökvägen är en fil, inte en mapp",
        "Kontrollera sökvägen; varje led utom det sista ska vara en mapp.",
    ),
    errno.ENAMETOOLONG: ("filnamnet är för långt", "Välj ett kortare filnamn."),
    errno.ENOENT: ("mappen finns inte", "Skapa mappen först, eller välj en annan plats."),
    errno.ETXTBSY: ("filen används av ett annat program", "Stäng programmet och försök igen."),
    errno.EBUSY: ("filen används av ett annat program", "Stäng programmet och försök igen."),
    errno.EIO: (
        "disken svarade med ett läs- eller skrivfel",
        "Kontrollera disken eller nätverksenheten och försök igen.",
    ),
    errno.EEXIST: ("det finns redan en fil med det namnet", "Välj ett annat namn."),
    errno.ENXIO: (
        "det är ingen vanlig fil utan en enhet, en namngiven rörledning eller en sockel",
        "Ange en vanlig fil, t.ex. -o build/plan.docx.",
    ),
    errno.EMFILE: ("för många filer är öppna", "Stäng andra program och försök igen."),
    errno.ENFILE: ("för många filer är öppna", "Stäng andra program och försök igen."),
    errno.ENOMEM: ("minnet räcker inte", "Stäng andra program och försök igen."),
    errno.EFBIG: ("filen blir för stor för filsystemet", "Skriv till en annan plats."),
    errno.EXDEV: (
        "filen kan inte flyttas mellan två filsystem",
        "Skriv till en plats på samma disk.",
    ),
}
_READ = {
    **_WRITE,
    errno.EACCES: ("behörighet att läsa saknas", "Ge läsrätt till filen (chmod u+r)."),
    errno.EPERM: ("behörighet att läsa saknas", "Ge läsrätt till filen (chmod u+r)."),
    errno.ENOENT: ("filen finns inte", "Kontrollera sökvägen."),
    errno.ELOOP: ("länken pekar i en slinga", "Låt länken peka på en vanlig fil."),
}


def _reason(err: OSError, table: dict[int, tuple[str, str]]) -> tuple[str, str]:
    if err.errno in table:
        return table[err.errno]
    return (
        f"operativsystemet svarade med felkod {err.errno or 'okänd'}",
        "Kontrollera sökvägen, behörigheterna och att disken är ansluten.",
    )


def read_reason(err: OSError) -> tuple[str, str]:
    """Why a file could not be read, and what to do, in Swedish."""
    return _reason(err, _READ)


def write_reason(err: OSError) -> tuple[str, str]:
    """Why a file could not be written, and what to do, in Swedish."""
    return _reason(err, _WRITE)


def write_error(path: Path | str, err: OSError) -> UserError:
    """The error to show when ``path`` could not be written."""
    reason, hint = _reason(err, _WRITE)
    return UserError(f"{path} kan inte skrivas: {reason}", hint)


def read_error(path: Path | str, err: OSError) -> UserError:
    """The error to show when ``path`` could not be read."""
    reason, hint = _reason(err, _READ)
    return UserError(f"{path} kan inte läsas: {reason}", hint)
