"""Run every benchmark module in bench/ (or the ones named on the command line)."""

import os
import pkgutil
import sys
from importlib import import_module
from pathlib import Path


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taxportal.settings.test")
    import django

    django.setup()
    names = argv or sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    for name in names:
        module = import_module(f"bench.{name}")
        if hasattr(module, "run"):
            print(f"== {name}")
            module.run()


if __name__ == "__main__":
    main(sys.argv[1:])
