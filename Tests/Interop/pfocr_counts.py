"""An independent count of what a PFOCR corpus holds, computed straight from the files.

It shares no code with pfocr-kg: PyYAML's BaseLoader (every scalar a string, like the rules
of DATA.md) and the csv module. Tests compare pfocr-kg's counts and outputs with it.
"""
import csv
import glob
import os

import yaml

MISSING = {"", ".na.character"}
MISSING_ID = MISSING | {"NA"}


def _front_matter(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read().replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("---\n")
    return yaml.load(parts[1], Loader=yaml.BaseLoader)


def _tsv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read().replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if len(line.split("\t")) == len(header)]


def _strip(value, prefix):
    value = value.strip()
    if value.lower().startswith(prefix + ":"):
        return value[len(prefix) + 1:]
    return value


def record_paths(root):
    figures = os.path.join(root, "_figures")
    return sorted(glob.glob(os.path.join(figures, "*.md")))


def figure_entities(path):
    """(figid, pmcid, genes, chemicals, diseases) of one record: sets of node keys."""
    record = _front_matter(path)
    figid = record["figid"]
    data = os.path.join(os.path.dirname(os.path.dirname(path)), "_data")
    genes, chemicals, diseases = set(), set(), set()
    inline = any(key in record for key in ("genes", "chemicals", "diseases"))
    if inline:
        for row in record.get("genes") or []:
            if isinstance(row, dict) and row.get("entrez", "").strip() not in MISSING_ID:
                genes.add(row["entrez"].strip())
        for kind, target in (("chemicals", chemicals), ("diseases", diseases)):
            for row in record.get(kind) or []:
                if isinstance(row, dict) and row.get("identifier", "").strip() not in MISSING_ID:
                    target.add("mesh:" + row["identifier"].strip())
    else:
        for row in _tsv(os.path.join(data, f"{figid}-genes.tsv")) if os.path.exists(os.path.join(data, f"{figid}-genes.tsv")) else []:
            gene_id = row.get("ncbigene_id", "").strip()
            if gene_id not in MISSING_ID:
                genes.add(gene_id)
        for kind, other, target in (("chemicals", "chebi", chemicals), ("diseases", "doid", diseases)):
            path_tsv = os.path.join(data, f"{figid}-{kind}.tsv")
            if not os.path.exists(path_tsv):
                continue
            for row in _tsv(path_tsv):
                if "identifier" in row and "mesh" not in row:
                    if row["identifier"].strip() not in MISSING_ID:
                        target.add("mesh:" + row["identifier"].strip())
                    continue
                mesh = row.get("mesh", "NA").strip()
                alt = row.get(other, "NA").strip()
                if mesh not in MISSING_ID:
                    target.add("mesh:" + _strip(mesh, "mesh"))
                elif alt not in MISSING_ID:
                    target.add(other + ":" + _strip(alt, other))
    pmcid = record.get("pmcid", "")
    return figid, (pmcid if pmcid not in MISSING else None), genes, chemicals, diseases


def corpus_counts(root):
    """Counts what the output is compared with: figures, papers, distinct genes,
    (figure, gene) pairs, distinct chemicals and diseases."""
    figures, papers = set(), set()
    genes, chemicals, diseases = set(), set(), set()
    pairs = 0
    per_figure = {}
    for path in record_paths(root):
        figid, pmcid, g, c, d = figure_entities(path)
        figures.add(figid)
        if pmcid:
            papers.add(pmcid)
        genes |= g
        chemicals |= c
        diseases |= d
        pairs += len(g)
        per_figure[figid] = (g, c, d)
    return {
        "figures": len(figures),
        "papers": len(papers),
        "genes": len(genes),
        "figure_gene_pairs": pairs,
        "chemicals": len(chemicals),
        "diseases": len(diseases),
        "per_figure": per_figure,
    }
