"""What synthetic benchmark sites are and are called: kinds, focus words, bilingual names, notes."""

from __future__ import annotations

import re

KINDS = {  # kind: (share, English noun, Chinese noun, plausible focus)
    "enterprise": (0.22, "Co.", "有限公司", None),
    "hospital": (0.15, "hospital", "医院", ["health_services", "tcm", "rehabilitation_aids",
                                             "digital_health", "elderly_care"]),
    "industrial_park": (0.12, "park", "产业园", ["biomedicine", "medical_devices", "chemical_drugs",
                                                "apis", "biologics", "tcm", "synthetic_biology",
                                                "health_food"]),
    "research_institute": (0.10, "institute", "研究院", [
        "life_science_research", "cell_gene_therapy", "biologics", "synthetic_biology", "vaccines",
        "diagnostics", "biomedicine"]),
    "production_base": (0.10, "base", "生产基地", ["apis", "chemical_drugs", "tcm", "vaccines",
                                                  "medical_devices", "health_food", "biologics"]),
    "elderly_care_facility": (0.08, "care home", "养老院", ["elderly_care", "health_services",
                                                          "rehabilitation_aids"]),
    "service_platform": (0.07, "platform", "服务平台", ["digital_health", "pharma_logistics",
                                                      "diagnostics", "life_science_research",
                                                      "health_services"]),
    "wellness_resort": (0.05, "resort", "康养度假区", ["health_tourism", "elderly_care",
                                                      "sports_fitness", "tcm", "health_food"]),
    "medical_centre": (0.03, "medical centre", "医学中心", ["health_services",
                                                          "life_science_research", "digital_health"]),
    "logistics_hub": (0.03, "hub", "物流港", ["pharma_logistics", "medical_devices"]),
    "school": (0.03, "college", "学院", ["life_science_research", "health_services", "tcm"]),
    "functional_zone": (0.01, "zone", "示范区", ["biomedicine", "health_services",
                                                "life_science_research", "health_tourism"]),
    "district": (0.01, "health district", "健康产业区", ["biomedicine", "health_services",
                                                        "medical_devices"]),
}
FOCUS_WORDS = {  # short words for names
    "cell_gene_therapy": ("cell therapy", "细胞治疗"), "vaccines": ("vaccine", "疫苗"),
    "biologics": ("biologics", "生物药"), "chemical_drugs": ("pharma", "制药"),
    "apis": ("API", "原料药"), "tcm": ("TCM", "中医药"), "medical_devices": ("med-device", "医疗器械"),
    "rehabilitation_aids": ("rehab", "康复"), "diagnostics": ("diagnostics", "诊断"),
    "synthetic_biology": ("synbio", "合成生物"), "biomedicine": ("biomedicine", "生物医药"),
    "life_science_research": ("life science", "生命科学"), "health_services": ("health", "健康"),
    "elderly_care": ("elderly care", "养老"), "health_tourism": ("wellness", "康养"),
    "health_food": ("health food", "健康食品"), "sports_fitness": ("fitness", "运动健康"),
    "digital_health": ("digital health", "数字健康"), "pharma_logistics": ("pharma logistics", "医药物流"),
}
EN_SUFFIX = re.compile(r"\s+((Hui|Manchu|Mongol|Manchu and Mongol)\s+)?(Autonomous\s+)?"
                       r"(District|County|City|New Area)$")
ZH_SUFFIX = re.compile(r"(回族|满族|蒙古族|满族蒙古族)?(自治县|新区|区|县|市)$")


def county_places(counties) -> list[dict[str, str]]:
    """Per county row, what a site's columns and name need (read once: pandas lookups are slow)."""
    out = []
    for row in counties.itertuples():
        city_zh = row.city_zh or row.city_en
        out.append({"region": row.region, "city": row.city_en, "county": row.name_en, "unit": row.id,
                    "county_en": stem_en(row.name_en), "county_zh": stem_zh(row.name_zh),
                    "city_en": row.city_en, "city_zh": stem_zh(city_zh)})
    return out


def stem_en(name: str) -> str:
    """`Daxing District` -> `Daxing`."""
    return EN_SUFFIX.sub("", name) or name


def stem_zh(name: str) -> str:
    """`大兴区` -> `大兴` (a one-character stem keeps its suffix)."""
    short = ZH_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def site_names(place: dict, city_only: bool, kind: str, focus: str, i: int) -> tuple[str, str]:
    """Short bilingual names: 'Daxing biomedicine park 0123' / '大兴生物医药产业园0123'."""
    level = "city" if city_only else "county"
    noun_en, noun_zh = KINDS[kind][1], KINDS[kind][2]
    word_en, word_zh = FOCUS_WORDS[focus]
    return (f"{place[level + '_en']} {word_en} {noun_en} {i:04d}",
            f"{place[level + '_zh']}{word_zh}{noun_zh}{i:04d}")


def note_en(precision: str) -> str:
    if precision == "exact":
        return "Synthetic benchmark site."
    return f"Synthetic benchmark site; position known at {precision} level only."


def note_zh(precision: str) -> str:
    return "基准测试用合成站点。" if precision == "exact" else "基准测试用合成站点;位置不精确。"
