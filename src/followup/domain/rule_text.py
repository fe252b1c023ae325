"""Each rule of PLAYBOOK.md in a few plain sentences, for `followup why`."""

from __future__ import annotations

RULES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # rule: (title, text, the settings it reads)
    "R1": ("Prepare", "Before an interview, plan to ask what the next steps are and when "
           "they expect to decide, and to note each interviewer's name and email.",
           ("prepare_lead_hours",)),
    "R2": ("Thank-you per interviewer", "After each interview, one thank-you to every "
           "interviewer whose email you have, aimed within the aim hours of its end and "
           "late after the deadline hours. An aim in your quiet hours moves to their start "
           "that evening (if that is two hours or more after the end), else to their end "
           "the next morning, never past the deadline. With no interviewer's email, one "
           "thank-you to the key contact, who passes it on.",
           ("thank_you_aim_hours", "thank_you_deadline_hours", "quiet_start_hour",
            "quiet_end_hour")),
    "R3": ("Handwritten note", "For a traditional company, a handwritten note in the mail "
           "within a business day of the interview.",
           ("handwritten_note", "handwritten_note_business_days")),
    "R4": ("LinkedIn invitation", "A personal invitation to connect, sent with the "
           "thank-you, never blank and within LinkedIn's length limit.",
           ("linkedin_invites", "linkedin_note_limit")),
    "R5": ("Requested information", "What they asked for is due the day they asked (by the "
           "end of your day); if it has not gone by then, tell them the next business "
           "morning that it is coming and when. Send it the way they asked.", ()),
    "R6": ("Unknown timeline", "With no decision date, the thank-you to your main contact "
           "asks about next steps, and the first follow-up comes a week after the "
           "interview.", ("unknown_timeline_days",)),
    "R7": ("Check-in during a long wait", "When the decision is two weeks or more away, "
           "one short check-in between halfway and three-quarters of the wait.",
           ("check_in", "check_in_min_wait_days", "check_in_from", "check_in_to")),
    "R8": ("First follow-up", "The first follow-up is due a few business days after the "
           "promised date: one, two or four, by the company's culture.",
           ("first_follow_up_business_days",)),
    "R9": ("The cadence", "Later attempts come after a gap, by the channel you follow up "
           "on: voicemails and calls when it is the phone, emails otherwise.",
           ("gap_min", "gap_max", "gap_unit")),
    "R10": ("Voicemail style", "Keep control: a voicemail names the day you will call "
            "back, and you call that day. Their court: it names no day.",
            ("voicemail_style", "callback_min_business_days", "callback_max_business_days")),
    "R11": ("How many attempts", "One follow-up after a screen, two after an interview, "
            "three after a panel or a later round; one more for an assertive company.",
            ("extra_attempt", "attempts_cap", "max_attempts")),
    "R12": ("Spacing", "Never two follow-ups closer than the gap, nor less than three days "
            "apart, counting those you sent on your own.", ("min_spacing_days",)),
    "R13": ("Close out", "When the last attempt has had no answer for a gap (a week at "
            "least), propose closing it kindly and keeping the connection warm.",
            ("close_out_min_days",)),
    "R14": ("Responses stop the cadence", "Any answer from them stops the pending "
            "follow-ups; a new date starts the wait again, a rejection gets a courteous "
            "reply, an offer moves the stage.", ()),
    "R15": ("Who gets follow-ups", "Through an agency, its recruiter; else whoever sent the "
            "last answer, else the hiring manager, the coordinator, the first interviewer.",
            ()),
    "R16": ("Business calendar", "Business days skip weekends and the employer's public "
            "holidays; a day starts at the employer's opening hour. Calls keep the "
            "employer's hours; written actions are not due in your quiet hours.",
            ("business_start_hour", "business_end_hour", "quiet_start_hour",
             "quiet_end_hour")),
    "R17": ("Courtesy in words", "Drafts are checked: positive, brief, no placeholders "
            "left, no two notes alike.", ()),
}


def title(rule: str) -> str:
    return RULES.get(rule, (rule, "", ()))[0]


def text(rule: str) -> str:
    return RULES.get(rule, ("", "", ()))[1]


def settings_for(rule: str) -> tuple[str, ...]:
    """The settings the rule reads, and the calendar's (every dated action has them)."""
    own = RULES.get(rule, ("", "", ()))[2]
    calendar = RULES["R16"][2]
    return own + tuple(name for name in calendar if name not in own)
