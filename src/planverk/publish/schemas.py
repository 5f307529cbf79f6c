"""`planverk schema` as a library call: the JSON Schema of every plan kind, written to a
folder through the output guard (never into the plan folder or a template folder)."""

from __future__ import annotations

from pathlib import Path

from planverk.core.atomic import write_all
from planverk.core.oserrors import write_error
from planverk.loading.planset import PlanSetNotFound, find_plan_dir, load_plan_dir
from planverk.model.jsonschema import schemas
from planverk.publish.write import write_project_outputs


def write_schemas(folder: Path, start: Path | None = None) -> list[Path]:
    """Write ``<kind>.schema.json`` for every plan kind into ``folder``, all or none; the
    paths written. Inside a plan repository (found from ``start``, default the working
    folder) the guard applies. Raises OutputRefused or another UserError."""
    files = [(folder / name, text.encode("utf-8")) for name, text in schemas().items()]
    try:
        plan_dir = find_plan_dir(start or Path.cwd())
    except PlanSetNotFound:
        try:
            write_all(files)
        except OSError as err:
            raise write_error(err.filename or folder, err) from None
        return [path for path, _ in files]
    return write_project_outputs(load_plan_dir(plan_dir), files, explicit=True)
