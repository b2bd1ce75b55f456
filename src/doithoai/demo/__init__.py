"""The demo, built on the day it is loaded (`timeline`): xã Điềm He (Lạng Sơn) as in the 2026
seed plan, a neighbour commune and their province (`data`, `organisation`), its petitions
(`petitions`), plans and conferences (`dialogues`), the session under way in the hall
(`live`); `doithoai demo_data` builds it. Names of villages and people other than those in
the seed plan are illustrative. No app imports this package."""
