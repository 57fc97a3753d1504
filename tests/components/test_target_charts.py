"""Plan figures as charts: one trajectory per metric, values as heights, short labels."""

import pandas as pd

from components.target_charts import plan_about, timeline, timeline_chart, trajectories


def rows():
    return pd.DataFrame({
        "metric_en": ["Revenue", "Revenue", "Revenue", "Projects", "Scientists"],
        "metric_zh": ["营收", "营收", "营收", "项目", "科学家"],
        "value": [1000.0, 1500.0, 3000.0, 20.0, 60.0],
        "unit_en": ["100 million CNY"] * 3 + ["projects", "people"],
        "unit_zh": ["亿元"] * 3 + ["个", "人"],
        "comparator": [">=", ">=", "~", ">=", ">"],
        "year": [2023, 2025, 2035, 2023, None],
        "sources": [["doc"]] * 5,
    })


def test_each_metric_with_years_gets_its_own_trajectory():
    points = timeline(rows(), "en")
    charts = trajectories(points)
    assert [m for m, _ in charts] == ["Revenue (billion CNY)"]  # one year only: the table says it
    [(_, revenue)] = charts
    assert revenue["year"].tolist() == [2023, 2025, 2035]
    assert revenue["value"].tolist() == [100.0, 150.0, 300.0]  # the height is the value
    assert revenue["label"].tolist() == ["≥100", "≥150", "≈300"]  # the unit is in the title


def test_chinese_keeps_chinese_units():
    [(metric, points)] = trajectories(timeline(rows(), "zh"))
    assert metric == "营收 (亿元)" and points["label"].tolist() == ["≥1,000", "≥1,500", "≈3,000"]


def test_the_chart_draws_values_with_labels_above_the_dots():
    [(metric, points)] = trajectories(timeline(rows(), "en"))
    spec = timeline_chart(points, metric).to_dict()
    layers = spec["layer"]
    assert layers[0]["encoding"]["y"]["field"] == "value"
    assert layers[1]["mark"]["type"] == "text" and layers[1]["mark"]["dy"] < 0
    assert spec["title"]["text"] == "Revenue (billion CNY)"


def test_a_plans_issuer_and_years_that_are_our_inference_say_so():
    plan = pd.Series({"issuer_en": "Hebei government", "issuer_zh": "河北省政府", "year_start": 2016,
                      "year_end": None, "sources": ("doc-a:1",), "inferred": ("issuer_en", "issuer_zh")})
    assert plan_about(plan, "zh").startswith("河北省政府 (我们的推断) · 2016 · ")
    assert plan_about(plan, "en").startswith("Hebei government (our inference) · 2016 · ")
    plan["inferred"] = ()
    assert plan_about(plan, "en").startswith("Hebei government · 2016 · ")
