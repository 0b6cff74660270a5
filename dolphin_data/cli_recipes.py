"""``dolphin-data list`` and ``dolphin-data diff-recipes``: the recipe gallery (and the other registries) at a glance.

No ``from __future__ import annotations`` here: Typer reads the annotations of the commands defined inside
``register``, which refer to names imported there.
"""

from pathlib import Path
from typing import Annotated

import typer

LISTS = ("recipes", "converters", "stages")


def register(app: typer.Typer) -> None:
    from dolphin_data.cli import out, user_errors
    from dolphin_data.errors import UserError

    @app.command("list")
    @user_errors
    def list_(
        what: Annotated[str, typer.Argument(metavar="WHAT", help="recipes, converters or stages.")],
        folder: Annotated[Path, typer.Option("--dir", help="Folder of recipe YAML files (for `list recipes`).")] = Path(
            "recipes"
        ),
    ) -> None:
        """One line per recipe (key, name, files, sequence length, output format, description), converter or stage.

        Example: dolphin-data list recipes
        """
        if what == "recipes":
            from dolphin_data.recipe_diff import list_recipes

            for summary in list_recipes(folder):
                out.print(summary.line(), markup=False)
        elif what == "converters":
            from dolphin_data.converters import CONVERTERS
            from dolphin_data.registry import describe

            for name, fn in CONVERTERS.items():
                out.print(f"{name:<24} {describe(fn)}", markup=False)
        elif what == "stages":
            from dolphin_data.registry import describe
            from dolphin_data.stages import STAGES, load_builtin_stages

            load_builtin_stages()
            for name, cls in STAGES.items():
                out.print(f"{name:<24} {describe(cls)}", markup=False)
        else:
            raise UserError(f"list {what!r}: choose one of {', '.join(LISTS)}")

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
