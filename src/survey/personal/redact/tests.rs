use proptest::prelude::*;

use super::*;

fn plain(text: &str) -> (String, Redactions) {
    let (out, counts) = redact(text, &[]);
    (out.into_owned(), counts)
}

/// A valid NHS number: nine digits and their check digit (none when it would be 10).
fn nhs(nine: &str) -> Option<String> {
    let sum: u32 = nine
        .chars()
        .zip((2..=10).rev())
        .map(|(d, w)| d.to_digit(10).unwrap() * w)
        .sum();
    match 11 - sum % 11 {
        10 => None,
        11 => Some(format!("{nine}0")),
        c => Some(format!("{nine}{c}")),
    }
}

#[test]
fn every_kind_the_issue_lists_is_removed_and_counted() {
    let text = "Mail priya.okafor@nhs.net or (p.o+work@example.co.uk), ring 07700 900123, \
                +44 (0)113 496 0000, 0044 7700 900124 or +1 202-555-0143; NHS no 943 476 5919 \
                and 9434765919. I live at LS1 4AP (ls14ap), logged in from 192.168.10.20 and \
                2001:db8::8a2e:370:7334.";
    let (out, counts) = plain(text);
    assert_eq!(
        out,
        "Mail [email removed] or ([email removed]), ring [phone number removed], \
         [phone number removed], [phone number removed] or [phone number removed]; NHS no [NHS number removed] \
         and [NHS number removed]. I live at [postcode removed] ([postcode removed]), logged in from [IP address removed] and \
         [IP address removed]."
    );
    assert_eq!(counts.email, 2);
    assert_eq!(counts.phone, 4);
    assert_eq!(counts.nhs_number, 2);
    assert_eq!(counts.postcode, 2);
    assert_eq!(counts.ip_address, 2);
}

#[test]
fn near_misses_stay_word_for_word() {
    // 9434765918 fails the modulus-11 check; "NHS 111" is a service, not a number.
    let text = "Call NHS 111 or 999. Ref 9434765918 failed. Rated 4 of 5 on 01.12.2026, \
                ward 12, 3.5 hours, 10:30 to 11:45, covid19, 2 @ 3pm, user@localhost.";
    let (out, counts) = plain(text);
    assert_eq!(out, text);
    assert!(counts.is_empty(), "{counts:?}");
}

#[test]
fn a_phone_number_beside_other_numbers_is_found_and_they_stay() {
    let (out, _) = plain("scores 4 5 07700 900123 thanks");
    assert_eq!(out, "scores 4 5 [phone number removed] thanks");
    let (out, _) = plain("line one\n07700900123\nline two");
    assert_eq!(out, "line one\n[phone number removed]\nline two");
}

#[test]
fn the_row_s_own_values_are_removed_whole_and_a_name_word_by_word() {
    let own = [
        Own {
            value: "Priya Okafor",
            kind: OwnKind::Name,
        },
        Own {
            value: "p.okafor@example.org",
            kind: OwnKind::Other,
        },
        Own {
            value: "R-1042",
            kind: OwnKind::Other,
        },
    ];
    let (out, counts) = redact(
        "PRIYA OKAFOR helped; priya knows Okafor's team. Priyanka stays. Case R-1042. p.okafor@example.org",
        &own,
    );
    assert_eq!(
        out,
        "[name removed] helped; [name removed] knows [name removed]'s team. Priyanka stays. Case [personal data removed]. [email removed]"
    );
    assert_eq!(counts.name, 3);
    assert_eq!(counts.personal, 1);
    assert_eq!(counts.email, 1);
}

#[test]
fn a_long_comment_is_cut_at_a_word() {
    let text = "word ".repeat(100);
    let (kept, cut_chars) = cut(&text, 42);
    assert!(kept.chars().count() <= 42);
    assert!(kept.ends_with("word"));
    assert_eq!(
        kept.chars().count() as u64 + cut_chars,
        text.chars().count() as u64
    );
    assert_eq!(cut("short", 42), ("short".to_string(), 0));
}

fn email() -> impl Strategy<Value = String> {
    (
        "[a-z][a-z0-9._+-]{0,12}",
        "[a-z][a-z0-9-]{0,10}",
        "(com|org|nhs\\.uk|co\\.uk|net)",
    )
        .prop_map(|(local, domain, tld)| format!("{local}@{domain}.{tld}"))
}

fn phone() -> impl Strategy<Value = String> {
    prop_oneof![
        "07[0-9]{3} [0-9]{6}",
        "07[0-9]{9}",
        "01[0-9]{2} [0-9]{3} [0-9]{4}",
        "\\(01[0-9]{2}\\) [0-9]{3} [0-9]{4}",
        "02[0-9] [0-9]{4} [0-9]{4}",
        "07[0-9]{3}-[0-9]{3}-[0-9]{3}",
        "\\+44 7[0-9]{3} [0-9]{6}",
        "\\+44 \\(0\\)1[0-9]{2} [0-9]{3} [0-9]{4}",
        "0044 7[0-9]{3} [0-9]{6}",
        "\\+1 [2-9][0-9]{2}-[0-9]{3}-[0-9]{4}",
        "\\+33 [1-9] [0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}",
    ]
}

fn nhs_number() -> impl Strategy<Value = String> {
    ("[1-9][0-9]{8}", any::<bool>()).prop_filter_map("no check digit", |(nine, spaced)| {
        let n = nhs(&nine)?;
        Some(if spaced {
            format!("{} {} {}", &n[..3], &n[3..6], &n[6..])
        } else {
            n
        })
    })
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

proptest! {
    /// Whatever text surrounds them, no email address, phone or valid NHS number
    /// survives: neither its characters nor anything a second pass would find.
    #[test]
    fn no_email_phone_or_nhs_number_survives(
        before in "[a-zA-Z0-9 ,.;:()\\n-]{0,30}",
        after in "[a-zA-Z0-9 ,.;:()\\n-]{0,30}",
        email in email(),
        phone in phone(),
        nhs in nhs_number(),
        order in 0..3usize,
    ) {
        let mut parts = [email.clone(), phone.clone(), nhs.clone()];
        parts.rotate_left(order);
        let text = format!("{before} {} and {} then {} {after}", parts[0], parts[1], parts[2]);
        let (out, counts) = plain(&text);
        prop_assert!(!out.contains(&email), "{out}");
        prop_assert!(!digits(&out).contains(&digits(&phone)), "{text} → {out}");
        prop_assert!(!digits(&out).contains(&digits(&nhs)), "{text} → {out}");
        prop_assert!(counts.total() >= 3, "{counts:?}");
        let (again, more) = plain(&out);
        prop_assert!(more.is_empty(), "{out} → {again}: {more:?}");
    }

    /// Text with no digits and no `@` comes back word for word.
    #[test]
    fn text_without_digits_or_at_signs_is_untouched(text in "[a-zA-Z ,.;:!?'\\n-]{0,200}") {
        let (out, counts) = plain(&text);
        prop_assert_eq!(out, text);
        prop_assert!(counts.is_empty());
    }
}
