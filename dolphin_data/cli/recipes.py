"""``dolphin-data diff-recipes``: what changes between two mixes of the recipe gallery (``dolphin_data/recipe_diff.py``).

``list recipes`` lives with the other ``list`` targets in ``commands.py`` and prints ``RecipeSummary.line()``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dolphin_data.cli.app import app, out, user_errors


@app.command("diff-recipes")
@user_errors
def diff_recipes_cmd(
    a: Annotated[str, typer.Argument(metavar="A", help="Recipe file, or a gallery key such as 2.9.")],
    b: Annotated[str, typer.Argument(metavar="B", help="Recipe file, or a gallery key such as 2.9.1.")],
    folder: Annotated[Path, typer.Option("--dir", help="Folder that gallery keys refer to.")] = Path("recipes"),
) -> None:
    """What changes from mix A to mix B: run settings, stage settings, sources, output files, source order.

    Example: dolphin-data diff-recipes 2.9 2.9.1
    """
    from dolphin_data.recipe import load_recipe
    from dolphin_data.recipe_diff import diff_recipes, render_diff, resolve_recipe

    ra = load_recipe(resolve_recipe(a, folder))
    rb = load_recipe(resolve_recipe(b, folder))
    for line in render_diff(diff_recipes(ra, rb), ra, rb):
        out.print(line, markup=False)
