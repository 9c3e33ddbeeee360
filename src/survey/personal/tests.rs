use super::*;

#[test]
fn every_personal_header_variant_the_issue_lists_is_recognised() {
    for header in [
        "Email",
        "E-mail",
        "Work email",
        "Respondent email",
        "Email address (optional)",
        "Your email address",
        "Mail address",
        "Q12. If you would like us to contact you, please give your email address below",
        "Name",
        "Your name",
        "Your full name",
        "Name (optional)",
        "Forename",
        "Surname",
        "First name",
        "Last name",
        "Full Name",
        "FirstName",
        "IP",
        "IP Address",
        "IPAddress",
        "Staff ID",
        "Staff number",
        "StaffID",
        "Employee ID",
        "Employee Number",
        "Payroll number",
        "ESR number",
        "ESR",
        "NHS number",
        "NHS No.",
        "NHSNumber",
        "Phone",
        "Mobile number",
        "Telephone",
        "Tel",
        "Contact number",
        "Address",
        "Home address",
        "Postcode",
        "Post code",
        "Date of birth",
        "DOB",
        "RecipientEmail",
        "RecipientFirstName",
        "RecipientLastName",
        "Recipient Email",
        "ExternalReference",
        "ExternalDataReference",
        "External Data Reference",
        "Custom Data 1",
        "Custom Data 2",
        "CustomData",
        "LocationLatitude",
        "LocationLongitude",
        "Location Latitude",
        "Username",
        "User name",
        "Patient ID",
        "Hospital number",
        "Your manager's name",
    ] {
        assert!(is_personal_header(header), "{header:?} was not recognised");
    }
}

#[test]
fn grouping_columns_and_questions_are_not_personal() {
    for header in [
        "Role",
        "Team name",
        "Ward name",
        "Directorate",
        "Staff group",
        "Hospital code",
        "Site code",
        "Which best describes you?",
        "How well do we use email and newsletters to reach patient leaders?",
        "1. Make patient leaders an integral part of formal and informal decision-making",
        "Start time",
        "ID",
        "Respondent ID",
        "",
    ] {
        assert!(
            !is_personal_header(header),
            "{header:?} was taken as personal"
        );
    }
}

#[test]
fn nhs_numbers_pass_the_modulus_11_check() {
    // 943 476 5919 is the NHS's own example of a valid number.
    assert!(nhs_check("9434765919"));
    assert!(!nhs_check("9434765918"));
    assert!(!nhs_check("943476591"));
    assert_eq!(looks_like("943 476 5919"), Some(Looks::NhsNumber));
    assert_eq!(looks_like("943-476-5919"), Some(Looks::NhsNumber));
    // Ten digits failing the check, not starting 0: not an NHS number, nor a phone.
    assert_eq!(looks_like("9434765918"), None);
}

#[test]
fn each_kind_of_personal_value_is_recognised_by_content() {
    for (value, kind) in [
        ("ann.example@nhs.net", Looks::Email),
        (" BOB@example.org ", Looks::Email),
        ("07700 900123", Looks::Phone),
        ("+44 7700 900123", Looks::Phone),
        ("(0113) 496 0000", Looks::Phone),
        ("01134960000", Looks::Phone),
        ("9434765919", Looks::NhsNumber),
        ("LS1 4AP", Looks::Postcode),
        ("sw1a1aa", Looks::Postcode),
        ("EC1A 1BB", Looks::Postcode),
        ("M1 1AE", Looks::Postcode),
        ("192.168.10.4", Looks::IpAddress),
        ("2001:db8::8a2e:370:7334", Looks::IpAddress),
    ] {
        assert_eq!(looks_like(value), Some(kind), "{value:?}");
    }
    for value in [
        "Strongly agree",
        "4 - Embedded and sustained",
        "Not applicable",
        "1/2/26 10:01:07",
        "12345",
        "Directorate 23",
        "Board member",
        "3.5",
    ] {
        assert_eq!(looks_like(value), None, "{value:?}");
    }
}

#[test]
fn a_column_of_mostly_personal_values_is_personal() {
    let values: Vec<&[u8]> = vec![b"a@x.org", b"b@x.org", b"", b"n/a", b"c@x.org"];
    assert_eq!(by_content(values.into_iter()), Some((Looks::Email, 3, 4)));
    let values: Vec<&[u8]> = vec![b"a@x.org", b"Nurse", b"Doctor", b"Porter"];
    assert_eq!(by_content(values.into_iter()), None);
}

#[test]
fn an_identifier_is_a_column_of_mostly_unique_values() {
    let ids: Vec<String> = (0..20).map(|k| format!("R{k:04}")).collect();
    assert!(is_identifier(ids.iter().map(|s| s.as_bytes())));
    let roles: Vec<&[u8]> = [b"Nurse".as_slice(), b"Doctor", b"Porter"]
        .into_iter()
        .cycle()
        .take(30)
        .collect();
    assert!(!is_identifier(roles.into_iter()));
    // Too few values to tell.
    assert!(!is_identifier([b"a".as_slice(), b"b", b"c"].into_iter()));
}

#[test]
fn personal_values_in_a_text_are_masked() {
    assert_eq!(mask("ann@example.org"), "[email removed]");
    assert_eq!(
        mask("call me on 07700 900123 or ann@example.org."),
        "call me on [phone number removed] or [email removed]."
    );
    assert_eq!(mask("NHS 943 476 5919"), "NHS [NHS number removed]");
    assert_eq!(mask("I live at LS1 4AP"), "I live at [postcode removed]");
    assert_eq!(mask("from 10.0.0.12"), "from [IP address removed]");
    assert_eq!(mask("Strongly agreee"), "Strongly agreee");
    assert_eq!(mask("6"), "6");
    assert_eq!(mask("3 (mostly)"), "3 (mostly)");
}

fn column(name: &str, kind: Kind) -> Column {
    Column::named(name, kind)
}

#[test]
fn enforce_refuses_an_item_read_from_a_personal_column_whatever_matched_it() {
    // Whatever the matching passes become, a personal column given to an item is refused.
    let a = crate::assessment::Catalog::load(None)
        .unwrap()
        .resolve("building-blocks")
        .unwrap()
        .assessment
        .clone();
    let columns = vec![
        column("Role", Kind::Question),
        column("Contact", Kind::Personal),
    ];
    let mut items = vec![None; a.items.len()];
    items[0] = Some(1);
    let rows: Vec<csv::ByteRecord> = (0..5)
        .map(|k| csv::ByteRecord::from(vec!["Staff".to_string(), format!("p{k}@x.org")]))
        .collect();
    let rows: Vec<&csv::ByteRecord> = rows.iter().collect();
    let e = enforce(&a, &columns, &items, &[], None, &rows).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "item \"{}\" would be read from \"Contact\", which holds personal data (5 of the first 5 values look like email addresses) and is never read; name the item's column with --map {0}=COLUMN, or add --allow-missing to score without it",
            a.items[0].id
        )
    );
    // As a group it is refused too; the Role column is a group.
    let none = vec![None; a.items.len()];
    assert!(matches!(
        enforce(&a, &columns, &none, &[], Some(1), &rows),
        Err(PersonalError::GroupBy { .. })
    ));
    assert!(enforce(&a, &columns, &none, &[], Some(0), &rows).is_ok());
}

#[test]
fn classify_marks_columns_by_header_and_by_content() {
    let mut columns = vec![
        column("Role", Kind::Question),
        column("Staff ID", Kind::Question),
        column("Anything else?", Kind::Question),
        column("Q1", Kind::Question),
    ];
    let rows: Vec<csv::ByteRecord> = (0..6)
        .map(|k| {
            csv::ByteRecord::from(vec![
                "Nurse".to_string(),
                format!("{k}"),
                ["07700 900123", "07700 900456", "", "no"][k % 4].to_string(),
                "3".to_string(),
            ])
        })
        .collect();
    let rows: Vec<&csv::ByteRecord> = rows.iter().collect();
    classify(&mut columns, &rows);
    let kinds: Vec<Kind> = columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        vec![
            Kind::Question,
            Kind::Personal,
            Kind::Personal,
            Kind::Question
        ]
    );
}
