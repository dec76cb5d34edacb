"""The world map of every partnership, kept in the cache folder between builds while its inputs hold.

The home page and the map page draw thousands of great circles (three
seconds at 2,000 case studies) from the partners' places and who worked with
whom: facts that a contributor's edit to a narrative, a title or a lesson does
not change, so a rebuild takes last build's map.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..derive.maps import PartnershipMap, PartnershipMaps, all_pairs
from ..model.catalogue import Catalogue
from ..read.cachefiles import NOT_LOADED, dropped, read_pack, unpickled, write_pack
from .cachekeys import digest, fingerprint

WORLD_MAP_PACK = "world-map.pack"  # in the cache folder
WORLD_MAP_VERSION = 1


def world_map_key(catalogue: Catalogue) -> str:
    """Everything the world map shows: each partner's place, kind, country and name, and the pairs of partners."""
    partners = sorted((partner.id, repr(partner.location), partner.kind, partner.country, partner.name)
                      for partner in catalogue.partners.values())
    return digest(fingerprint(), repr(partners), repr(sorted(all_pairs(catalogue.case_studies.values()).items())),
                  str(len(catalogue.case_studies)))


class StoredMaps(PartnershipMaps):
    """The catalogue's maps, the world's read from and written to ``cache_dir``."""

    def __init__(self, catalogue: Catalogue, cache_dir: Path) -> None:
        super().__init__(catalogue)
        self.path = cache_dir / WORLD_MAP_PACK

    def world(self) -> PartnershipMap | None:
        return self._once(("world",), self._stored_world)

    def _stored_world(self) -> PartnershipMap | None:
        key = world_map_key(self.catalogue)
        data = read_pack(self.path, version=WORLD_MAP_VERSION).get(key)
        found = unpickled(data, self.path, (PartnershipMap, type(None)), "a map")
        if found is not NOT_LOADED:
            return found
        made = super().world()
        try:
            write_pack(self.path, [(key, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))],
                       version=WORLD_MAP_VERSION)
        except OSError as exc:
            dropped(self.path, f"not written: {exc.__class__.__name__}")
        return made
