//! Personal columns recognised by their header, in the ways real exports word them:
//! email/e-mail/mail address; name, forename, surname, first/last/full name; IP address;
//! staff, employee, payroll or ESR number or ID; NHS number or No.; phone, mobile,
//! telephone; address and postcode; date of birth; the tools' recipient, external
//! reference, custom data and location fields. A long header is a question, which may
//! mention email without asking for one, so single words count only in short headers;
//! phrases ("your email address") count anywhere.

use crate::survey::wording::normalise;

/// Words that, next to "name", make it the name of something other than a person
/// ("Team name", "Ward name"): a grouping column, not personal data.
const NAMED_THINGS: &[&str] = &[
    "team",
    "ward",
    "department",
    "directorate",
    "division",
    "organisation",
    "organization",
    "trust",
    "site",
    "service",
    "unit",
    "practice",
    "hospital",
    "company",
    "project",
    "event",
    "course",
    "role",
    "job",
    "group",
    "board",
    "committee",
    "programme",
    "program",
    "place",
    "area",
    "location",
    "file",
    "survey",
    "form",
];

/// Phrases that mark a header as personal wherever they stand in it, however long it is
/// ("… please give your email address below").
const PHRASES: &[&str] = &[
    "email address",
    "e mail address",
    "mail address",
    "your email",
    "your e mail",
    "your name",
    "full name",
    "first name",
    "last name",
    "given name",
    "family name",
    "nhs number",
    "nhs no",
    "date of birth",
    "ip address",
    "phone number",
    "mobile number",
    "telephone number",
    "contact number",
    "home address",
    "postal address",
    "post code",
    "external reference",
    "external data reference",
    "custom data",
];

/// Single words (or words run together) that mark a short header as personal.
const WORDS: &[&str] = &[
    "email",
    "emails",
    "emailaddress",
    "forename",
    "forenames",
    "surname",
    "firstname",
    "lastname",
    "fullname",
    "username",
    "login",
    "ip",
    "ipaddress",
    "phone",
    "telephone",
    "tel",
    "mobile",
    "phonenumber",
    "address",
    "postcode",
    "zipcode",
    "dob",
    "birthday",
    "nhsnumber",
    "nhsno",
    "externalreference",
    "externaldatareference",
    "customdata",
];

/// Words that, before number/id/no/ref, name a person's identifier.
const IDENTIFIED: &[&str] = &[
    "staff",
    "employee",
    "payroll",
    "esr",
    "personnel",
    "assignment",
    "nhs",
    "patient",
    "hospital",
    "mrn",
    "user",
];
const IDENTIFIER_WORDS: &[&str] = &["number", "no", "id", "num", "ref", "reference"];

/// A header is "short" when it has at most this many words: a label, not a question
/// (a question may mention email or a phone without asking for one).
const SHORT: usize = 5;

/// Whether a column header names personal data.
pub fn is_personal_header(name: &str) -> bool {
    let n = normalise(name);
    if n.is_empty() {
        return false;
    }
    let words: Vec<&str> = n.split(' ').collect();
    let padded = format!(" {n} ");
    if PHRASES.iter().any(|p| padded.contains(&format!(" {p} "))) {
        return true;
    }
    let compact: String = words.concat();
    // Run-together tool fields: RecipientEmail, LocationLatitude, CustomData2, …
    if compact.starts_with("recipient")
        || compact.starts_with("customdata")
        || compact.starts_with("externaldatareference")
        || compact.contains("latitude")
        || compact.contains("longitude")
        || compact.contains("emailaddress")
        || compact.contains("ipaddress")
    {
        return true;
    }
    for pair in words.windows(2) {
        if IDENTIFIED.contains(&pair[0]) && IDENTIFIER_WORDS.contains(&pair[1]) {
            return true;
        }
    }
    if words.len() <= SHORT {
        if words.iter().any(|w| WORDS.contains(w)) {
            return true;
        }
        // "e mail", "Respondent e-mail".
        if words.windows(2).any(|p| p == ["e", "mail"]) {
            return true;
        }
        if ["esr", "mrn"].iter().any(|w| words.contains(w)) {
            return true;
        }
        // "Name", "Your name", "Respondent name", "Name (optional)": but not "Team name".
        for (k, w) in words.iter().enumerate() {
            if matches!(*w, "name" | "names") {
                let before = k.checked_sub(1).map(|b| words[b]);
                if !before.is_some_and(|b| NAMED_THINGS.contains(&b)) {
                    return true;
                }
            }
        }
        // Staff/employee/payroll ids run together: "StaffID", "EmployeeNumber".
        if IDENTIFIED.iter().any(|p| {
            IDENTIFIER_WORDS
                .iter()
                .any(|s| words.iter().any(|w| *w == format!("{p}{s}")))
        }) {
            return true;
        }
    }
    false
}

/// Whether a personal column's header names a person's name ("Name", "Full name",
/// "Forename", "Surname"): its values are then also removed word by word from that
/// respondent's comments.
pub fn is_name_header(name: &str) -> bool {
    let n = normalise(name);
    let words: Vec<&str> = n.split(' ').collect();
    words.iter().enumerate().any(|(k, w)| {
        let named_thing = k
            .checked_sub(1)
            .is_some_and(|b| NAMED_THINGS.contains(&words[b]));
        (matches!(*w, "name" | "names") && !named_thing)
            || matches!(
                *w,
                "forename" | "forenames" | "surname" | "firstname" | "lastname" | "fullname"
            )
    })
}
