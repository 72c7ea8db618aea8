"""Message catalogs of one feature each (pipeline, merge, privacy, ...), so features add their
strings without touching the big catalogs. Each module here holds
`MESSAGES = {"pt-BR": {...}, "en": {...}, "es": {...}}`; every module found is merged into the
catalogs, and a key defined twice is an error at import."""
from __future__ import annotations

import importlib
import pkgutil


def merged_into(catalogs: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    merged = {locale: dict(messages) for locale, messages in catalogs.items()}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for locale, messages in module.MESSAGES.items():
            taken = merged[locale].keys() & messages.keys()
            if taken:
                raise ValueError(f"{module_info.name} redefines {sorted(taken)} ({locale})")
            merged[locale].update(messages)
    return merged
