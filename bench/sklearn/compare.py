#!/usr/bin/python3
"""scikit-learn baseline for bench/sklearn/main.go: same data, same encoding.

Run with Debian's python3-sklearn:  /usr/bin/python3 bench/sklearn/compare.py DIR
"""
import csv, json, sys, time
from pathlib import Path

import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import StandardScaler

CLASSES = ["normal", "dos", "probe", "r2l", "u2r"]
NEW = {"apache2": 1, "mailbomb": 1, "processtable": 1, "udpstorm": 1, "mscan": 2, "saint": 2,
       "httptunnel": 4, "ps": 4, "sqlattack": 4, "xterm": 4, "named": 3, "sendmail": 3,
       "snmpgetattack": 3, "snmpguess": 3, "worm": 3, "xlock": 3, "xsnoop": 3}


def load(d):
    fam = {"normal": 0}
    for line in Path(d, "Attack Types.csv").read_text().replace("\r", "\n").split("\n"):
        if "," in line:
            name, f = line.split(",", 1)
            if f.strip() in CLASSES:
                fam[name] = CLASSES.index(f.strip())
    tr = list(csv.reader(open(Path(d, "KDDTrain+.txt"))))
    te = list(csv.reader(open(Path(d, "KDDTest+.txt"))))
    vocab = {c: sorted({r[c] for r in tr}) for c in (1, 2, 3)}

    def enc(rows):
        X = np.zeros((len(rows), 41), dtype=np.float32)
        y = np.zeros(len(rows), dtype=int)
        for i, r in enumerate(rows):
            y[i] = fam.get(r[41], NEW.get(r[41], 1))
            for j in range(41):
                if j in vocab:
                    X[i, j] = vocab[j].index(r[j]) if r[j] in vocab[j] else -1
                else:
                    X[i, j] = float(r[j])
        return X, y
    return enc(tr), enc(te)


def run(name, model, Xtr, ytr, Xte, yte, scaler=None):
    t0 = time.perf_counter()
    if scaler:
        Xtr = scaler.fit_transform(Xtr)
    model.fit(Xtr, ytr)
    fit = time.perf_counter() - t0
    if scaler:
        Xte = scaler.transform(Xte)
    t0 = time.perf_counter()
    pred = np.array([model.predict(Xte[i:i + 1])[0] for i in range(2000)])  # one row at a time
    per_row = (time.perf_counter() - t0) / 2000 * 1e6
    pred = model.predict(Xte)
    return {"model": name, "accuracy": accuracy_score(yte, pred),
            "macro_f1": f1_score(yte, pred, average="macro", labels=range(5), zero_division=0),
            "fit_s": fit, "predict_us_per_row": per_row}


(Xtr, ytr), (Xte, yte) = load(sys.argv[1] if len(sys.argv) > 1 else "../shared/datasets/network/nsl-kdd")
out = [run("sklearn RandomForest (100 trees, n_jobs=2)", RandomForestClassifier(100, n_jobs=2, random_state=1), Xtr, ytr, Xte, yte),
       run("sklearn LogisticRegression (lbfgs)", LogisticRegression(max_iter=1000), Xtr, ytr, Xte, yte, StandardScaler())]
print(json.dumps(out, indent=1))
