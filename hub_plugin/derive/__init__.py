"""Deriving from the catalogue what no file says: the browse pages, the URLs of every page,
related case studies and the links that wikilinks stand for. Linear in the number of case
studies: nothing here compares all pairs."""
