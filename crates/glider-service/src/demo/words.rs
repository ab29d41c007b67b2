//! The vocabulary demo data is made of: people, projects, work-item titles and prose.

use rand::{Rng, seq::IndexedRandom};

pub const FIRST_NAMES: [&str; 40] = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Margaret",
    "Dennis",
    "Frances",
    "Ken",
    "Radia",
    "Linus",
    "Hedy",
    "Tim",
    "Katherine",
    "John",
    "Sophie",
    "Niklaus",
    "Mary",
    "Guido",
    "Annie",
    "Bjarne",
    "Evelyn",
    "James",
    "Jean",
    "Leslie",
    "Carol",
    "Yukihiro",
    "Anita",
    "Brian",
    "Shafi",
    "Rob",
    "Karen",
    "Ward",
    "Lynn",
    "Whitfield",
    "Adele",
    "Vint",
    "Elena",
    "Joe",
];

pub const LAST_NAMES: [&str; 40] = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Hamilton",
    "Ritchie",
    "Allen",
    "Thompson",
    "Perlman",
    "Torvalds",
    "Lamarr",
    "Berners-Lee",
    "Johnson",
    "McCarthy",
    "Wilson",
    "Wirth",
    "Keller",
    "van Rossum",
    "Easley",
    "Stroustrup",
    "Boyd",
    "Gosling",
    "Sammet",
    "Lamport",
    "Shaw",
    "Matsumoto",
    "Borg",
    "Kernighan",
    "Goldwasser",
    "Pike",
    "Sparck Jones",
    "Cunningham",
    "Conway",
    "Diffie",
    "Goldberg",
    "Cerf",
    "Ivanova",
    "Armstrong",
];

/// Project names and identifiers; past the list, names get a number.
pub const PROJECTS: [(&str, &str); 16] = [
    ("Web App", "WEB"),
    ("Mobile", "MOB"),
    ("Platform", "PLAT"),
    ("Billing", "BILL"),
    ("Design System", "DS"),
    ("Data Pipeline", "DATA"),
    ("Growth", "GROW"),
    ("Security", "SEC"),
    ("Infrastructure", "INFRA"),
    ("Search", "SRCH"),
    ("Integrations", "INT"),
    ("Support Tools", "SUP"),
    ("Analytics", "ANLT"),
    ("Onboarding", "ONB"),
    ("Docs", "DOCS"),
    ("Marketing Site", "MKT"),
];

/// Labels of every project: `(name, colour, parent)`; a parent is listed before its children.
pub const LABELS: [(&str, &str, Option<&str>); 13] = [
    ("Bug", "#EF4444", None),
    ("Feature", "#3B82F6", None),
    ("Improvement", "#10B981", None),
    ("Documentation", "#8B5CF6", None),
    ("Performance", "#F59E0B", None),
    ("Security", "#DC2626", None),
    ("Tech debt", "#6B7280", None),
    ("Design", "#EC4899", None),
    ("Area", "#14B8A6", None),
    ("Frontend", "#0EA5E9", Some("Area")),
    ("Backend", "#6366F1", Some("Area")),
    ("Mobile", "#84CC16", Some("Area")),
    ("API", "#F97316", Some("Area")),
];

pub const MODULES: [&str; 8] = [
    "Onboarding revamp",
    "Billing v2",
    "Search relevance",
    "Offline mode",
    "Integrations",
    "Reporting",
    "Accessibility pass",
    "Performance budget",
];

const VERBS: [&str; 16] = [
    "Fix",
    "Add",
    "Improve",
    "Refactor",
    "Investigate",
    "Remove",
    "Update",
    "Support",
    "Document",
    "Design",
    "Migrate",
    "Speed up",
    "Clean up",
    "Test",
    "Localise",
    "Audit",
];

const OBJECTS: [&str; 32] = [
    "login redirect",
    "CSV export",
    "dark mode toggle",
    "search ranking",
    "webhook retries",
    "invoice PDF",
    "password reset e-mail",
    "project settings page",
    "notification preferences",
    "file upload progress",
    "calendar sync",
    "keyboard shortcuts",
    "onboarding checklist",
    "audit log",
    "rate limiter",
    "SSO configuration",
    "mobile push tokens",
    "timezone handling",
    "image thumbnails",
    "billing webhooks",
    "team invitations",
    "comment mentions",
    "sprint burndown chart",
    "API pagination",
    "session expiry",
    "dashboard widgets",
    "Slack integration",
    "bulk edit",
    "markdown preview",
    "error pages",
    "database indexes",
    "cache invalidation",
];

const QUALIFIERS: [&str; 12] = [
    "",
    "",
    "",
    " on Safari",
    " for large workspaces",
    " in the mobile app",
    " after sign-out",
    " for guests",
    " behind the proxy",
    " on slow networks",
    " in the admin area",
    " for archived projects",
];

const SENTENCES: [&str; 20] = [
    "Customers on the enterprise plan reported this twice this week.",
    "Steps to reproduce are in the linked support ticket.",
    "We should keep the current behaviour behind a setting for one release.",
    "The fix needs a migration, so it has to land before the next deploy window.",
    "Design has a mock-up ready; see the attached file.",
    "This blocks the rollout to the remaining regions.",
    "Happens only when the browser cache is cold.",
    "The logs show a timeout after thirty seconds.",
    "Let's pair on this once the current sprint is done.",
    "A regression test would have caught this earlier.",
    "The API returns the right data, the client renders it wrong.",
    "Product wants this before the quarterly review.",
    "We can reuse the component from the settings page.",
    "Measured on staging: the page takes four seconds to load.",
    "Accessibility audit flagged the contrast and focus order.",
    "This came up in the last three customer interviews.",
    "Needs a decision on naming before we build it.",
    "The old endpoint can go once the mobile app has updated.",
    "Error rate doubled after Tuesday's release.",
    "Documented the workaround in the help centre for now.",
];

const REPLIES: [&str; 12] = [
    "I can take this one.",
    "Reproduced on the latest build.",
    "Pushed a fix, ready for review.",
    "Can we split this into two smaller items?",
    "Blocked until the API change is deployed.",
    "Looks good to me, merging.",
    "Added screenshots of the current state.",
    "Moved to the next cycle, we ran out of time.",
    "Checked with support: two more customers affected.",
    "Turns out this is a duplicate of an older report.",
    "Tested on iOS and Android, both fine now.",
    "Left a few comments on the pull request.",
];

pub fn title(rng: &mut impl Rng) -> String {
    let verb = VERBS.choose(rng).copied().unwrap_or("Fix");
    let object = OBJECTS.choose(rng).copied().unwrap_or("bug");
    let qualifier = QUALIFIERS.choose(rng).copied().unwrap_or("");
    format!("{verb} {object}{qualifier}")
}

/// One to three short paragraphs, as HTML and as plain text.
pub fn description(rng: &mut impl Rng) -> (String, String) {
    let count = rng.random_range(0..=3);
    let sentences: Vec<&str> = (0..count)
        .filter_map(|_| SENTENCES.choose(rng).copied())
        .collect();
    let html = sentences
        .iter()
        .map(|s| format!("<p>{s}</p>"))
        .collect::<String>();
    (html, sentences.join(" "))
}

pub fn reply(rng: &mut impl Rng) -> &'static str {
    REPLIES.choose(rng).copied().unwrap_or("Done.")
}
