//! After an incident is recorded: amendments with reasons, parents informed, the governors'
//! summary, the investigation record, evidence files, the timeline, and the sanctions tables
//! as versioned data.

use crate::common::example_incident;
use crate::common::{behind_the_apps_back, new_vault, raw_key_hex};
use chrono::{NaiveDate, NaiveDateTime};
use esafety_desk::domain::incident::category;
use esafety_desk::domain::incident::rules;
use esafety_desk::domain::incident::{
    Involvement, NewIncident, NewInvestigation, Part, Role, Status,
};
use esafety_desk::domain::person::{NewPerson, PersonKind};
use esafety_desk::domain::policy::SanctionsTable;
use esafety_desk::store::{StoreError, Vault};

fn at(day: u32, hour: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 11, day)
        .unwrap()
        .and_hms_opt(hour, 0, 0)
        .unwrap()
}

fn now() -> NaiveDateTime {
    at(28, 17)
}

fn pupil(vault: &mut Vault, given: &str, family: &str) -> i64 {
    let mut person = NewPerson::named(PersonKind::Pupil, given, family);
    person.year_group = Some(6);
    vault.add_person(&person).unwrap()
}

fn incident(category_key: &str, description: &str, people: Vec<(i64, Role)>) -> NewIncident {
    example_incident(category_key, at(10, 9))
        .reported(at(10, 11), "Class teacher, 6B")
        .described(description)
        .urls(&["https://proxy.example.net/browse"])
        .about(people)
        .chosen_action("Warning")
        .build()
}

fn invalid(error: StoreError) -> String {
    match error {
        StoreError::Rule(problem) => problem.to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn audit_entries(vault: &Vault) -> i64 {
    vault.verify().unwrap().chain.entries
}

#[test]
fn an_amendment_keeps_the_earlier_version_the_reason_and_the_search_index_in_step() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let zara = pupil(&mut vault, "Zara", "Hughes");
    let first = incident(
        "pupil.subverting-filtering",
        "Used a proxy to reach a gaming site.",
        vec![(zara, Role::Pupil)],
    );
    let recorded = vault.record_incident(&first, now()).unwrap();

    let unchanged = vault
        .amend_incident(recorded.id, &first, "Checking", now())
        .unwrap_err();
    assert_eq!(invalid(unchanged), "Nothing has changed");
    let mut edited = first.clone();
    edited.description = "Used a VPN extension to reach a streaming site.".into();
    let no_reason = vault
        .amend_incident(recorded.id, &edited, "  ", now())
        .unwrap_err();
    assert_eq!(invalid(no_reason), "Give the reason for the change");

    let sam = pupil(&mut vault, "Sam", "Okoro");
    edited
        .people
        .push(Involvement::new(sam, Role::Pupil).with_part(Part::Witness));
    let fields = vault
        .amend_incident(
            recorded.id,
            &edited,
            "The technician's log showed a VPN",
            now(),
        )
        .unwrap();
    assert_eq!(fields, ["description", "people"]);

    let detail = vault.incident(recorded.id).unwrap();
    assert_eq!(detail.description, edited.description);
    assert_eq!(vault.incident_people(recorded.id).unwrap().len(), 2);
    let history = vault.history("incidents", recorded.id).unwrap();
    assert_eq!(history.len(), 2);
    assert!(
        history[0]
            .content
            .contains("Used a proxy to reach a gaming site.")
    );
    let amendments = vault.incident_amendments(recorded.id).unwrap();
    assert_eq!(amendments[0].reason, "The technician's log showed a VPN");
    assert_eq!(amendments[0].fields, "description, people");

    assert!(
        vault
            .search_incidents("proxy gaming", 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(vault.search_incidents("vpn stream", 10).unwrap().len(), 1);
    assert_eq!(vault.search_incidents("okoro", 10).unwrap().len(), 1);
    vault.verify().unwrap();

    // Zara's part was not given when she was recorded; an amendment gives it, audited.
    let parts = |vault: &Vault| -> Vec<Option<Part>> {
        let people = vault.incident_people(recorded.id).unwrap();
        people.iter().map(|p| p.part).collect()
    };
    assert_eq!(parts(&vault), [None, Some(Part::Witness)]);
    edited.people[0].part = Some(Part::Responsible);
    let fields = vault
        .amend_incident(recorded.id, &edited, "Zara said she set it up", now())
        .unwrap();
    assert_eq!(fields, ["people's parts"]);
    assert_eq!(
        parts(&vault),
        [Some(Part::Responsible), Some(Part::Witness)]
    );
    vault.verify().unwrap();
}

#[test]
fn evidence_is_kept_in_the_vault_checked_by_hash_and_refused_for_nudes() {
    let root = tempfile::tempdir().unwrap();
    let (dir, mut vault, _) = new_vault(root.path());
    let zara = pupil(&mut vault, "Zara", "Hughes");
    let gaming = vault
        .record_incident(
            &incident(
                "pupil.non-educational-sites",
                "Gaming in a lesson.",
                vec![(zara, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    let screenshot = b"\x89PNG fake but real bytes of a screenshot".to_vec();
    let id = vault
        .add_evidence(
            gaming.id,
            "history.png",
            &screenshot,
            "Browser history",
            now(),
        )
        .unwrap();
    assert_eq!(vault.evidence_content(id).unwrap(), screenshot);
    let listed = vault.evidence(gaming.id).unwrap();
    assert_eq!(listed[0].size_bytes, screenshot.len() as i64);
    assert_eq!(listed[0].sha256.len(), 64);
    assert_eq!(vault.verify().unwrap().evidence_files, 1);
    let empty = vault
        .add_evidence(gaming.id, "empty.png", b"", "", now())
        .unwrap_err();
    assert_eq!(invalid(empty), "The file is empty");

    let nudes = vault
        .record_incident(
            &incident(
                "activity.nudes-semi-nudes",
                "An image was shared in a group chat.",
                vec![(zara, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    let before = audit_entries(&vault);
    let refused = vault
        .add_evidence(nudes.id, "chat.png", &screenshot, "", now())
        .unwrap_err();
    assert!(
        invalid(refused).starts_with("No image, screenshot or file can be kept for this category")
    );
    assert_eq!(audit_entries(&vault), before, "nothing was written");
    assert!(vault.evidence(nudes.id).unwrap().is_empty());

    let key = raw_key_hex(&vault);
    drop(vault);
    let conn = behind_the_apps_back(&dir, &key);
    conn.execute_batch(
        "DROP TRIGGER evidence_content_no_update; UPDATE evidence_content SET content = x'00';",
    )
    .unwrap();
    drop(conn);
    let vault = Vault::unlock(&dir, crate::common::PASSPHRASE).unwrap();
    let caught = vault.verify().unwrap_err();
    assert!(caught.is_integrity_failure());
    assert!(
        caught
            .to_string()
            .contains("evidence file 1 does not match its recorded SHA-256")
    );
}

#[test]
fn an_investigation_names_two_seniors_and_a_computer_and_is_never_of_illegal_content() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let zara = pupil(&mut vault, "Zara", "Hughes");
    let gaming = vault
        .record_incident(
            &incident(
                "pupil.non-educational-sites",
                "Gaming in a lesson.",
                vec![(zara, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    let one = NewInvestigation {
        first_senior: "Priya Shah".into(),
        second_senior: String::new(),
        designated_computer: "ICT office laptop 3".into(),
    };
    let refused = vault
        .start_investigation(gaming.id, &one, now())
        .unwrap_err();
    assert_eq!(
        invalid(refused),
        "Name two senior members of staff: the policy asks for at least two"
    );
    let site_first = vault
        .site_visited(gaming.id, "games.example.com", "A games portal", now())
        .unwrap_err();
    assert_eq!(invalid(site_first), "Start the investigation record first");

    let two = NewInvestigation {
        second_senior: "Tom Reid".into(),
        ..one
    };
    vault.start_investigation(gaming.id, &two, now()).unwrap();
    assert_eq!(
        vault.incident(gaming.id).unwrap().row.status,
        Status::UnderInvestigation
    );
    let undescribed = vault
        .site_visited(gaming.id, "games.example.com", " ", now())
        .unwrap_err();
    assert_eq!(invalid(undescribed), "Describe what the site showed");
    let not_a_site = vault
        .site_visited(gaming.id, "not a site", "Nothing", now())
        .unwrap_err();
    assert!(invalid(not_a_site).contains("is not a web address"));
    vault
        .site_visited(
            gaming.id,
            "games.example.com",
            "Browser games; no inappropriate content",
            at(28, 10),
        )
        .unwrap();
    vault
        .conclude_investigation(
            gaming.id,
            "Gaming in a lesson confirmed; nothing else found",
        )
        .unwrap();
    let record = vault.investigation(gaming.id).unwrap().unwrap();
    assert_eq!(
        record.seniors,
        ["Priya Shah".to_owned(), "Tom Reid".to_owned()]
    );
    assert_eq!(record.sites.len(), 1);
    assert_eq!(
        record.conclusion,
        "Gaming in a lesson confirmed; nothing else found"
    );

    let grooming = vault
        .record_incident(
            &incident(
                "activity.grooming",
                "A stranger asked for photos.",
                vec![(zara, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    let illegal = vault
        .start_investigation(grooming.id, &two, now())
        .unwrap_err();
    assert!(invalid(illegal).contains("the policy says not to investigate it in school"));
    vault.verify().unwrap();
}

#[test]
fn the_governors_summary_may_not_name_anyone_and_parents_informed_is_kept() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let zara = pupil(&mut vault, "Zara", "Hughes");
    let recorded = vault
        .record_incident(
            &incident(
                "pupil.social-media",
                "Posted on social media in school.",
                vec![(zara, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    let named = vault
        .set_governor_summary(recorded.id, "Zara posted during a lesson")
        .unwrap_err();
    assert!(invalid(named).contains("names \"Zara\""));
    vault
        .set_governor_summary(
            recorded.id,
            "A Year 6 pupil posted during a lesson; warned.",
        )
        .unwrap();
    let no_one = vault
        .parents_informed(recorded.id, at(11, 9), " ")
        .unwrap_err();
    assert_eq!(invalid(no_one), "Enter who informed the parents or carers");
    vault
        .parents_informed(recorded.id, at(11, 9), "Mrs Shah (DSL)")
        .unwrap();
    vault
        .add_action(recorded.id, "Meeting with parents")
        .unwrap();

    let detail = vault.incident(recorded.id).unwrap();
    assert_eq!(
        detail.governor_summary,
        "A Year 6 pupil posted during a lesson; warned."
    );
    assert_eq!(detail.parents_informed_at, Some(at(11, 9)));
    let added = detail
        .actions
        .iter()
        .find(|a| a.action == "Meeting with parents")
        .unwrap();
    assert!(added.chosen && !added.suggested);

    let timeline: Vec<String> = vault
        .timeline(recorded.id)
        .unwrap()
        .into_iter()
        .map(|entry| entry.event.to_string())
        .collect();
    assert_eq!(
        timeline,
        [
            "Reported by Class teacher, 6B",
            "Parents or carers informed by Mrs Shah (DSL)"
        ]
    );
    vault.verify().unwrap();
}

#[test]
fn the_sanctions_tables_are_versioned_data_and_suggestions_follow_the_current_one() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let shipped = vault.sanctions().unwrap();
    let subverting = category::category("pupil.subverting-filtering").unwrap();
    let before = rules::suggested_action_titles(&shipped, subverting, &[Role::Pupil]);
    assert!(before.contains(&"Refer to technical support for action".to_owned()));

    let mut table = shipped.pupil.clone();
    let row = table
        .rows
        .iter_mut()
        .find(|row| row.key == "pupil.subverting-filtering")
        .unwrap();
    row.ticks = vec![false; row.ticks.len()];
    row.ticks[7] = true;
    let version = vault
        .save_sanctions(
            SanctionsTable::Pupil,
            &table,
            "2026-02-12",
            "Governors' Curriculum & Standards Committee",
        )
        .unwrap();
    assert_eq!(version, 2);
    let current = vault.sanctions().unwrap();
    assert_eq!(
        rules::suggested_action_titles(&current, subverting, &[Role::Pupil]),
        ["Warning"]
    );
    assert_eq!(current.staff, shipped.staff, "the other table is untouched");

    table.rows[0].ticks.pop();
    let ragged = vault
        .save_sanctions(SanctionsTable::Pupil, &table, "2026-02-13", "Governors")
        .unwrap_err();
    assert!(invalid(ragged).contains("does not have one tick box per column"));
    assert_eq!(vault.sanctions().unwrap(), current);
    vault.verify().unwrap();
}

#[test]
fn a_referral_gets_its_outcome_and_any_decision_is_logged_with_its_reason() {
    use esafety_desk::domain::incident::rules::Referral;
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut vault, _) = new_vault(root.path());
    let zara = pupil(&mut vault, "Zara", "Hughes");
    let recorded = vault
        .record_incident(
            &incident(
                "activity.threatening-behaviour",
                "Threatening messages after football.",
                vec![(zara, Role::Pupil)],
            ),
            now(),
        )
        .unwrap();
    vault
        .refer_incident(
            recorded.id,
            Referral::ChildrensSocialCare,
            at(11, 9),
            "CSC-88",
        )
        .unwrap();
    let referral = vault.incident_referrals(recorded.id).unwrap()[0].id;
    let empty = vault.referral_outcome(referral, " ").unwrap_err();
    assert_eq!(invalid(empty), "Write what came of the referral");
    vault
        .referral_outcome(referral, "Early help offered to the family")
        .unwrap();
    assert_eq!(
        vault.incident_referrals(recorded.id).unwrap()[0].outcome,
        "Early help offered to the family"
    );
    let no_such = vault.referral_outcome(9999, "x").unwrap_err();
    assert_eq!(invalid(no_such), "There is no such referral");
    vault
        .record_decision(
            recorded.id,
            at(11, 10),
            "Not referred to Prevent",
            "No ideological element",
            Some(Referral::Prevent),
        )
        .unwrap();
    vault
        .record_decision(
            recorded.id,
            at(11, 11),
            "Seating plan changed",
            "Keeps the two pupils apart",
            None,
        )
        .unwrap();
    let decisions = vault.incident_decisions(recorded.id).unwrap();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[1].reason, "Keeps the two pupils apart");
    let timeline: Vec<String> = vault
        .timeline(recorded.id)
        .unwrap()
        .into_iter()
        .map(|e| e.event.to_string())
        .collect();
    assert!(
        timeline.contains(&"Referred to Children's social care, their reference CSC-88".to_owned())
    );
    vault.verify().unwrap();
}
