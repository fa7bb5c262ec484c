"""Reading one SeqPipe run directory (paths.work) from the notebooks beside this file.

Only the Python standard library, pandas and matplotlib are needed (the Debian packages python3-pandas and
python3-matplotlib). Parquet folders are read only when a Parquet reader (pyarrow or fastparquet) is installed;
predictions are read from the single files that `score.outputFormats = jsonl` or `csv` writes beside them.
"""
import json
import os
import pathlib

import pandas as pd

WORK_VARIABLE = "SEQPIPE_WORK"


def work_dir(default):
    """The run to look at: $SEQPIPE_WORK when set, else `default` (relative to the notebooks folder)."""
    return pathlib.Path(os.environ.get(WORK_VARIABLE) or default)


def read_json(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))


def parquet_reader():
    """The name of an installed Parquet engine for pandas, or None."""
    for engine in ("pyarrow", "fastparquet"):
        try:
            __import__(engine)
            return engine
        except ImportError:
            pass
    return None


def read_output(folder, name="predictions"):
    """Rows that score wrote under `folder` as `name`: `name`.jsonl, else `name`.csv, else the Parquet folder `name`/
    when a Parquet reader is installed; None when none of them can be read (the reason is printed)."""
    folder = pathlib.Path(folder)
    if (folder / f"{name}.jsonl").exists():
        return pd.read_json(folder / f"{name}.jsonl", lines=True, dtype=False)
    if (folder / f"{name}.csv").exists():
        return pd.read_csv(folder / f"{name}.csv", keep_default_na=False, na_values=[""])
    if (folder / name).is_dir() and parquet_reader():
        return pd.read_parquet(folder / name, engine=parquet_reader())
    print(f"no {name}.jsonl or {name}.csv in {folder.name}/ (score with --set score.outputFormats=jsonl)"
          + ("" if parquet_reader() else " and no Parquet reader (pyarrow) for its Parquet folder"))
    return None


def metrics_history(work):
    """The metrics history table (metrics-history/, Parquet) across the runs, or None (the reason is printed)."""
    folder = pathlib.Path(work) / "metrics-history"
    if not folder.is_dir():
        print("no metrics-history/ in this run")
        return None
    if not parquet_reader():
        print("metrics-history/ is Parquet: install pyarrow (pip install pyarrow) to read it;"
              " metrics/metrics.json above holds this run's metrics")
        return None
    return pd.read_parquet(folder, engine=parquet_reader())
