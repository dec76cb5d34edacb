"""Deriving from the catalogue what no file says: the browse pages, the URLs of every page,
related case studies, the links that wikilinks stand for and the maps of partnerships. Linear in the number of case
studies: nothing here compares all pairs."""
