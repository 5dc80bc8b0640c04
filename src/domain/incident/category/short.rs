//! A few words for each category, for pickers, lists and charts; the policy's full wording
//! stays the category's title and is shown beside the form and in the printed record.

/// Each category's short title, by key.
pub(super) const SHORT_TITLES: &[(&str, &str)] = &[
    (
        "activity.child-sexual-abuse-images",
        "Child sexual abuse images",
    ),
    ("activity.grooming", "Grooming"),
    ("activity.extreme-pornography", "Extreme pornography"),
    (
        "activity.criminally-racist-material",
        "Criminal racist or hate material",
    ),
    ("activity.extremism-terrorism", "Extremism or terrorism"),
    (
        "activity.nudes-semi-nudes",
        "Nudes and semi-nudes (under-18s)",
    ),
    ("activity.pornography", "Pornography"),
    ("activity.discrimination", "Promoting discrimination"),
    ("activity.threatening-behaviour", "Threatening behaviour"),
    (
        "activity.offensive-or-disrepute",
        "Offensive, or brings the school into disrepute",
    ),
    ("activity.private-business", "Running a private business"),
    (
        "activity.bypassing-filtering",
        "Getting round the filtering",
    ),
    ("activity.infringing-copyright", "Infringing copyright"),
    (
        "activity.revealing-confidential",
        "Revealing confidential information",
    ),
    ("activity.viruses", "Viruses or harmful files"),
    ("activity.unfair-usage", "Unfair usage (large files)"),
    ("activity.gaming-educational", "Online gaming (educational)"),
    (
        "activity.gaming-non-educational",
        "Online gaming (non-educational)",
    ),
    ("activity.gambling", "Online gambling"),
    ("pupil.illegal-material", "Trying to reach illegal material"),
    (
        "pupil.non-educational-sites",
        "Non-educational sites in lessons",
    ),
    ("pupil.mobile-devices", "Phones, cameras or devices"),
    (
        "pupil.social-media",
        "Social media, messaging or personal email",
    ),
    ("pupil.downloading", "Downloading or uploading files"),
    ("pupil.sharing-passwords", "Sharing usernames or passwords"),
    (
        "pupil.another-pupils-account",
        "Using another pupil's account",
    ),
    ("pupil.staff-account", "Using a staff account"),
    ("pupil.corrupting-data", "Corrupting or destroying data"),
    (
        "pupil.offensive-messages",
        "Offensive, harassing or bullying messages",
    ),
    ("pupil.continued-infringements", "Repeated after warnings"),
    ("pupil.disrepute", "Brings the school into disrepute"),
    (
        "pupil.subverting-filtering",
        "Proxy sites or getting round filtering",
    ),
    (
        "pupil.accidental-offensive-unreported",
        "Found offensive material, did not report it",
    ),
    (
        "pupil.deliberate-offensive",
        "Seeking offensive or pornographic material",
    ),
    (
        "pupil.copyright-data-protection",
        "Copyright or data protection breach",
    ),
    ("staff.illegal-material", "Trying to reach illegal material"),
    (
        "staff.inappropriate-internet-use",
        "Inappropriate internet or social media use",
    ),
    ("staff.downloading", "Downloading or uploading files"),
    (
        "staff.sharing-accounts",
        "Sharing or using others' accounts",
    ),
    (
        "staff.careless-personal-data",
        "Careless with personal data",
    ),
    (
        "staff.breaching-security",
        "Breaching data protection or security",
    ),
    (
        "staff.corrupting-data",
        "Corrupting data or damaging equipment",
    ),
    (
        "staff.offensive-messages",
        "Offensive, harassing or bullying messages",
    ),
    (
        "staff.personal-communication-with-pupils",
        "Personal messaging with pupils",
    ),
    (
        "staff.professional-standing",
        "Compromising professional standing",
    ),
    ("staff.disrepute", "Brings the school into disrepute"),
    (
        "staff.accidental-offensive-unreported",
        "Found offensive material, did not report it",
    ),
    (
        "staff.deliberate-offensive",
        "Seeking offensive or pornographic material",
    ),
    (
        "staff.copyright-licensing",
        "Breaching copyright or licensing",
    ),
    ("staff.continued-infringements", "Repeated after warnings"),
];
