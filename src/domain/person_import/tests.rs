//! The people import's tests: MIS exports read, mapped and checked row by row.

use super::*;

/// Row `i`'s problems as one line (empty when it was read).
fn row_problems(file: &PeopleFile, i: usize) -> String {
    file.rows[i]
        .read
        .clone()
        .err()
        .unwrap_or_default()
        .join(" ")
}

#[test]
fn job_titles_give_the_staff_groups_of_the_training_audit() {
    let (head, is_head) = staff_group_of("Headteacher");
    assert!(is_head && head.teaching);
    let (deputy, is_head) = staff_group_of("Deputy Head / DSL");
    assert!(!is_head && deputy.teaching && deputy.dsl && !deputy.deputy_dsl);
    let (ddsl, _) = staff_group_of("Year 6 teacher (Deputy DSL)");
    assert!(ddsl.teaching && ddsl.deputy_dsl && !ddsl.dsl);
    let (tech, _) = staff_group_of("Network Manager");
    assert!(tech.technical && !tech.teaching);
    let (co, _) = staff_group_of("E-Safety Co-ordinator, Class Teacher");
    assert!(co.esafety_group && co.teaching);
    assert!(!staff_group_of("Teaching Assistant").0.teaching);
    assert!(staff_group_of("Teaching and Learning Lead").0.teaching);
    assert_eq!(
        staff_group_of("Midday supervisor"),
        (PersonFlags::default(), false)
    );
}

#[test]
fn a_list_of_the_other_kind_is_refused_unless_its_columns_are_left_out() {
    let pupils = "Adno,Surname,Forename,Year,DOB\n001,Jones,Ava,Year 5,01/09/2015\n";
    let refused = parse(pupils.as_bytes(), PersonKind::Staff, &Mapping::default()).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "This does not look like a list of staff: it has \"Year\" and \"DOB\", which a list of pupils has. Import it as pupils, or if it really is a list of staff, leave those columns out with --mapping year_group=,date_of_birth="
    );
    let unmapped = Mapping::parse("year_group=,date_of_birth=").unwrap();
    assert!(parse(pupils.as_bytes(), PersonKind::Staff, &unmapped).is_ok());
    let staff = "Staff Code,Surname,Forename,Job Title\nS1,Shah,Priya,DSL\n";
    assert!(matches!(
        parse(staff.as_bytes(), PersonKind::Pupil, &Mapping::default()),
        Err(PeopleFileProblem::LooksLikeOtherKind { other: "staff", .. })
    ));
}

fn names(file: &PeopleFile) -> Vec<String> {
    file.rows
        .iter()
        .filter_map(|r| r.read.as_ref().ok())
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .collect()
}

#[test]
fn a_messy_sims_export_is_read() {
    let csv = "\u{feff}Adno;Legal Surname;Legal Forename;Year;DOB\n\
               \n\
               001;Jones;Ava;Year 5;01/09/2015\n\
               002;\"O'Neill; Smith\";Tom;R;2019-09-01\n\
               001;Jones;Ava;Year 5;01/09/2015\n\
               003;Ali;Hana;Y14;31/02/2015\n";
    let file = parse(csv.as_bytes(), PersonKind::Pupil, &Mapping::default()).unwrap();
    assert_eq!(
        file.mapping.0.get(&Field::FamilyName).map(String::as_str),
        Some("Legal Surname")
    );
    assert_eq!(names(&file), ["Ava Jones", "Tom O'Neill; Smith"]);
    assert_eq!(file.repeats, [5], "the repeated line is counted once");
    let ava = file.rows[0].read.as_ref().unwrap();
    assert_eq!((ava.year_group, ava.external_id.as_str()), (Some(5), "001"));
    assert_eq!(file.rows[1].read.as_ref().unwrap().year_group, Some(0));
    let problems = file.rows[2].read.clone().unwrap_err();
    assert!(problems[0].starts_with("date_of_birth: \"31/02/2015\" is not a date"));
    assert!(problems[1].starts_with("year_group: \"Y14\" is not a year group"));
}

#[test]
fn a_header_naming_a_column_twice_or_a_birth_not_before_today_is_refused() {
    let twice = "Adno,Legal Forename,Legal Surname,legal surname\n1,Ava,Jones,Smith\n";
    let refused = parse(twice.as_bytes(), PersonKind::Pupil, &Mapping::default());
    assert!(
        matches!(refused, Err(PeopleFileProblem::RepeatedColumn(name)) if name == "legal surname")
    );
    let csv = "Adno,Legal Forename,Legal Surname,DOB\n1,Ava,Jones,01/01/2099\n2,Tom,Lee,03/12/2026\n3,Kit,Roe,14/03/2016\n4,Old,Man,01/01/1800\n";
    let mut file = parse(csv.as_bytes(), PersonKind::Pupil, &Mapping::default()).unwrap();
    file.refuse_births_from(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    let problems = |i: usize| row_problems(&file, i);
    assert!(
        problems(0).contains("01/01/2099 is not before today"),
        "{}",
        problems(0)
    );
    assert!(problems(1).contains("03/12/2026 is not before today"));
    assert!(file.rows[2].read.is_ok());
    assert!(problems(3).contains("is not a date"), "{}", problems(3));
}

#[test]
fn a_nul_a_direction_override_or_a_huge_name_is_refused_on_its_line() {
    let huge = "x".repeat(300);
    let csv = format!(
        "Adno,Legal Forename,Legal Surname,Year\n1,Ava\u{0},Jones,5\n2,Tom,Evil\u{202E}cod,5\n3,Kit,{huge},5\n4,Łucja,Wójcik,5\n"
    );
    let file = parse(csv.as_bytes(), PersonKind::Pupil, &Mapping::default()).unwrap();
    let problems = |i: usize| row_problems(&file, i);
    assert!(
        problems(0).contains("given_name: holds a control character (U+0000)"),
        "{}",
        problems(0)
    );
    assert!(problems(1).contains("family_name: holds a text-direction character (U+202E)"));
    assert!(problems(2).contains("family_name: is 300 characters long"));
    assert!(file.rows[3].read.is_ok(), "Polish names are names");
}

#[test]
fn an_arbor_export_needs_a_mapping_for_names_it_does_not_recognise() {
    let csv = "Arbor ID,Preferred Name,Family,Job Title\nA1,Priya,Shah,DSL\n";
    let problem = parse(csv.as_bytes(), PersonKind::Staff, &Mapping::default()).unwrap_err();
    assert_eq!(
        problem.to_string(),
        "No column gives the given name: map one with --mapping given_name=\"Column name\""
    );
    let mapping = Mapping::parse("given_name=Preferred Name, family_name=Family").unwrap();
    let file = parse(csv.as_bytes(), PersonKind::Staff, &mapping).unwrap();
    let priya = file.rows[0].read.as_ref().unwrap();
    assert_eq!(
        (priya.external_id.as_str(), priya.role.as_str()),
        ("A1", "DSL")
    );
    assert_eq!(Mapping::parse(&mapping.to_text()).unwrap(), mapping);
    assert!(matches!(
        Mapping::parse("name=Forename"),
        Err(PeopleFileProblem::BadMapping(_))
    ));
    let without_role = mapping.clone().with(&Mapping::parse("role=").unwrap());
    assert_eq!(
        Mapping::parse(&without_role.to_text()).unwrap(),
        without_role
    );
    let file = parse(csv.as_bytes(), PersonKind::Staff, &without_role).unwrap();
    assert_eq!(
        file.rows[0].read.as_ref().unwrap().role,
        "",
        "a field left out is not read, though a column's name suggests it"
    );
    let wrong = Mapping::parse("given_name=Forename").unwrap();
    assert_eq!(
        parse(
            csv.as_bytes(),
            PersonKind::Staff,
            &wrong
                .with(&mapping)
                .with(&Mapping::parse("upn=UPN").unwrap())
        ),
        Err(PeopleFileProblem::NoSuchColumn("UPN".into()))
    );
}

#[test]
fn year_groups_are_read_in_the_ways_schools_write_them() {
    for (typed, year) in [
        ("R", Some(0)),
        ("Reception", Some(0)),
        ("Y6", Some(6)),
        ("Year 11", Some(11)),
        ("3", Some(3)),
        ("", None),
    ] {
        assert_eq!(year_group(typed), Ok(year), "{typed}");
    }
    assert!(year_group("Nursery").is_err());
}
