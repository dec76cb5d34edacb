"""BM25F as Whoosh computes it, counting live documents only: the numbers the browser engine repeats."""

from __future__ import annotations

from math import log

from whoosh.scoring import BM25F


class LiveBM25F(BM25F):
    """BM25F whose statistics (idf, average field length) count live documents only.

    Whoosh's own count documents deleted by updates until segments merge, so
    scores (and the exported index) would depend on the index's history.
    """

    def idf(self, searcher, fieldname: str, text: str) -> float:
        searcher = searcher.get_parent()
        reader = searcher.reader()
        if not reader.has_deletions():  # a fresh index: Whoosh's own count is the live one, and costs nothing
            frequency = reader.doc_frequency(fieldname, text)
        else:
            try:
                frequency = sum(1 for docnum in reader.postings(fieldname, text).all_ids()
                                if not reader.is_deleted(docnum))
            except Exception:  # a term the field does not hold
                frequency = 0
        return log(searcher.doc_count() / (frequency + 1)) + 1  # export_browser_index computes it the same way

    def scorer(self, searcher, fieldname: str, text: str, qf: int = 1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        scorer.avgfl = live_average_length(searcher.get_parent(), fieldname)  # type: ignore[attr-defined]
        return scorer


def live_average_length(searcher, fieldname: str) -> float:
    cache = searcher.__dict__.setdefault("_hub_average_lengths", {})
    if fieldname not in cache:
        reader = searcher.reader()
        live = list(reader.all_doc_ids())
        total = sum(reader.doc_field_length(docnum, fieldname, 0) or 0 for docnum in live)
        cache[fieldname] = (total / len(live)) if live and total else 1
    return cache[fieldname]
