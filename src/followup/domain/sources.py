"""The articles the playbook comes from, cited to users by public title."""

from __future__ import annotations

from typing import Final

MISSION = "Mission: Follow-up Interview (Nov 2022)"
DRIVE_YOUR_CAREER = "Drive Your Career: Maximize Post Interview Follow Up"
FOLLOW_UP_FOR_SUCCESS = "Interviewing: Follow Up for Success"
INTERVIEW_FOLLOW_UP = "Interview follow up"
NEXTAFF_TIPS = "(interview follow-up tips)"

# Which articles back each rule of PLAYBOOK.md.
RULE_SOURCES: Final[dict[str, tuple[str, ...]]] = {
    "R1": (MISSION, DRIVE_YOUR_CAREER, FOLLOW_UP_FOR_SUCCESS, INTERVIEW_FOLLOW_UP),
    "R2": (MISSION, DRIVE_YOUR_CAREER, FOLLOW_UP_FOR_SUCCESS),
    "R3": (DRIVE_YOUR_CAREER, FOLLOW_UP_FOR_SUCCESS),
    "R4": (MISSION, DRIVE_YOUR_CAREER),
    "R5": (NEXTAFF_TIPS,),
    "R6": (DRIVE_YOUR_CAREER, INTERVIEW_FOLLOW_UP, NEXTAFF_TIPS),
    "R7": (NEXTAFF_TIPS,),
    "R8": (MISSION, FOLLOW_UP_FOR_SUCCESS, INTERVIEW_FOLLOW_UP),
    "R9": (MISSION, FOLLOW_UP_FOR_SUCCESS),
    "R10": (MISSION,),
    "R11": (DRIVE_YOUR_CAREER, FOLLOW_UP_FOR_SUCCESS, MISSION),
    "R12": (FOLLOW_UP_FOR_SUCCESS,),
    "R13": (MISSION, DRIVE_YOUR_CAREER, INTERVIEW_FOLLOW_UP),
    "R14": (MISSION, FOLLOW_UP_FOR_SUCCESS, INTERVIEW_FOLLOW_UP),
    "R15": (MISSION, FOLLOW_UP_FOR_SUCCESS),
    "R16": (MISSION, FOLLOW_UP_FOR_SUCCESS),
}

# How `today` and `show` name a source in a line ("R8 · Drive Your Career").
SHORT_TITLES: dict[str, str] = {
    MISSION: "Mission: Follow-up Interview",
    DRIVE_YOUR_CAREER: "Drive Your Career",
    FOLLOW_UP_FOR_SUCCESS: "Follow Up for Success",
    INTERVIEW_FOLLOW_UP: "Interview follow up",
    NEXTAFF_TIPS: "NEXTAFF follow-up tips",
}


def short_title(title: str) -> str:
    return SHORT_TITLES.get(title, title)
