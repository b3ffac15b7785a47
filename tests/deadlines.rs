//! The legal clock as the practitioner meets it: `deadline`, due dates and targets in `cases`,
//! extension refused after the original due date, breach clock, and reminder digests sent once.

#[path = "support/app.rs"]
mod app;
#[path = "support/mail_servers.rs"]
mod mail_servers;

use std::process::Command;

use app::{business_inbox_reaches, deliver_to_business, App, BUSINESS, BUSINESS_PASSWORD};
use chrono::{DateTime, Utc};
use gdpr_inbox::message::Message;
use mail_servers::MailServers;

fn deadline(args: &[&str]) -> std::process::Output {
    Command::new(app::binary_path())
        .arg("deadline")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn deadline_json_follows_the_contract() {
    let out = deadline(&["--country", "DK", "--received", "2024-03-05", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"received": "2024-03-05", "due": "2024-04-05", "extended_due": null, "working_day_rolled": false})
    );
    // 31 August 2023 -> 30 September 2023, a Saturday -> Monday 2 October.
    let out = deadline(&[
        "--country",
        "SE",
        "--received",
        "2023-08-31T16:20",
        "--extended",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["due"], "2023-10-02");
    assert_eq!(v["working_day_rolled"], true);
    assert_eq!(v["extended_due"], "2023-11-30");
    // Suspended days move the date, then it is rolled again.
    let out = deadline(&[
        "--country",
        "DK",
        "--received",
        "2024-03-05",
        "--suspended-days",
        "1",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["due"], "2024-04-08",
        "5 April + 1 = Saturday 6 April, rolled to Monday"
    );
}

#[test]
fn deadline_explains_a_rolled_date_and_refuses_bad_input() {
    let out = deadline(&["--country", "DK", "--received", "2023-04-05"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2023-05-08"),
        "5 May 2023 is Store bededag, then a weekend: {text}"
    );
    assert!(text.contains("Store bededag"), "{text}");
    let out = deadline(&["--country", "DE", "--received", "2024-03-05"]);
    assert_eq!(out.status.code(), Some(2));
    let out = deadline(&["--country", "DK", "--received", "5/3/2024"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

fn request(message_id: &str) -> Vec<u8> {
    format!(
        "From: Anna Berg <anna@example.dk>\r\nTo: {BUSINESS}\r\nSubject: Indsigt\r\nMessage-ID: <{message_id}>\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nJeg vil gerne have indsigt i de oplysninger, I har om mig.\r\n"
    )
    .into_bytes()
}

fn shifted(days: i64) -> String {
    (Utc::now() + chrono::Duration::days(days)).to_rfc3339()
}

async fn digests(servers: &MailServers) -> Vec<Message> {
    servers
        .fetch_all(BUSINESS, BUSINESS_PASSWORD, "INBOX")
        .await
        .unwrap()
        .iter()
        .map(|raw| Message::parse(raw).unwrap())
        .filter(|m| m.header("auto-submitted") == Some("auto-generated"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cases_show_due_dates_targets_and_extension_is_refused_when_late() {
    let servers = MailServers::start().await.unwrap();
    let app = App::with_extra(&servers, "[policy]\nid_check = \"never\"\n");
    deliver_to_business(&servers, &request("late@example.dk"), "anna@example.dk", 1).await;
    app.ok(&["run", "--once"]);

    let case = &app.json(&["cases", "--json"])[0];
    let received: DateTime<Utc> = case["received_at"].as_str().unwrap().parse().unwrap();
    let expected =
        gdpr_inbox::legal_clock::statutory_due(gdpr_inbox::domain::Country::Denmark, received)
            .unwrap()
            .due;
    assert_eq!(case["due"], expected.to_string());
    assert!(case["days_left"].as_i64().unwrap() >= 27);
    assert_eq!(case["next_target"]["name"], "first_answer");
    assert_eq!(case["overdue"], false);
    let reference = case["reference"].as_str().unwrap().to_string();

    // Forty days later the case is overdue and an extension is no longer allowed.
    let out = app.run_at(&shifted(40), &["cases", "--json"]);
    let late: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(late["overdue"], true);
    let out = app.run_at(
        &shifted(40),
        &[
            "case",
            "extend",
            &reference,
            "--reason",
            "arkivet er flyttet",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&reference) && stderr.contains(&expected.to_string()),
        "{stderr}"
    );

    // In time, it drafts the notice; once sent, the deadline is three months from receipt.
    let text = app.ok(&[
        "case",
        "extend",
        &reference,
        "--reason",
        "vi skal hente noterne i arkivet",
    ]);
    assert!(text.contains("extension notice drafted"), "{text}");
    let notice = app
        .json(&["drafts", "--json"])
        .into_iter()
        .find(|d| d["purpose"] == "extension")
        .expect("an extension draft");
    let shown = app.ok(&["drafts", "show", &notice["id"].to_string()]);
    assert!(shown.contains("vi skal hente noterne i arkivet"), "{shown}");
    let out = app.run_at(
        &shifted(40),
        &["drafts", "approve", &notice["id"].to_string()],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "approving the notice after the due date is refused"
    );
    app.ok(&["drafts", "approve", &notice["id"].to_string()]);
    app.ok(&["run", "--once"]);
    let case = &app.json(&["cases", "--json"])[0];
    let three_months = gdpr_inbox::legal_clock::period_in_months(
        gdpr_inbox::domain::Country::Denmark,
        gdpr_inbox::legal_clock::local_day(gdpr_inbox::domain::Country::Denmark, received),
        3,
        0,
    )
    .unwrap()
    .due;
    assert_eq!(case["extended_due"], three_months.to_string());
    assert_eq!(case["due"], three_months.to_string());
    let again = app.run(&["case", "extend", &reference, "--reason", "igen"]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "a second extension is refused"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_reach_the_practitioner_once_each() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    deliver_to_business(
        &servers,
        &request("remind@example.dk"),
        "anna@example.dk",
        1,
    )
    .await;

    // The first answer (48 h) falls due within two days: the first pass reminds of it.
    app.ok(&["run", "--once"]);
    business_inbox_reaches(&servers, 2).await;
    app.ok(&["run", "--once"]);
    app.ok(&["run", "--once"]);
    // Four weeks on, the legal deadline is near: one more digest, and only one.
    let later = shifted(28);
    assert!(app.run_at(&later, &["run", "--once"]).status.success());
    assert!(app.run_at(&later, &["run", "--once"]).status.success());
    business_inbox_reaches(&servers, 3).await;
    // A marker sent behind them proves nothing else is on its way.
    deliver_to_business(
        &servers,
        b"From: m@example.dk\r\nSubject: marker\r\n\r\nx\r\n",
        "m@example.dk",
        4,
    )
    .await;

    let digests = digests(&servers).await;
    assert_eq!(
        digests.len(),
        2,
        "{:?}",
        digests.iter().map(|d| &d.subject).collect::<Vec<_>>()
    );
    assert!(digests
        .iter()
        .all(|d| d.to.iter().any(|t| t.same_address(BUSINESS))));
    assert!(digests[0].text.contains("GDPR-"), "{}", digests[0].text);
    assert!(digests[1].text.contains("GDPR-"), "{}", digests[1].text);
    // Digests are machine mail: they never open cases.
    assert_eq!(app.json(&["cases", "--json"]).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_breach_shows_its_72_hours_in_cases() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    let now = "2026-03-05T10:00:00Z";
    let out = app.run_at(
        now,
        &[
            "breach",
            "open",
            "--description",
            "stolen laptop",
            "--aware-at",
            "2026-03-05T09:00",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: serde_json::Value =
        serde_json::from_slice(&app.run_at(now, &["breach", "list", "--json"]).stdout).unwrap();
    assert_eq!(
        listed["notify_by"], "2026-03-08T08:00:00Z",
        "09:00 Copenhagen = 08:00 UTC, + 72 h, never rolled"
    );
    assert_eq!(listed["hours_left"], 70);
    let cases = String::from_utf8_lossy(&app.run_at(now, &["cases"]).stdout).to_string();
    assert!(
        cases.contains("breach #1") && cases.contains("2026-03-08 09:00"),
        "{cases}"
    );
    let late: serde_json::Value = serde_json::from_slice(
        &app.run_at("2026-03-09T00:00:00Z", &["breach", "list", "--json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(late["overdue"], true);
    assert!(app.run(&["breach", "close", "1"]).status.success());
    assert!(app.json(&["breach", "list", "--json"]).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clock_is_suspended_from_the_id_request_until_the_id_arrives() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    deliver_to_business(&servers, &request("susp@example.dk"), "anna@example.dk", 1).await;
    app.ok(&["run", "--once"]);
    let draft = app.json(&["drafts", "--json"])[0]["id"].to_string();
    app.ok(&["drafts", "approve", &draft]);
    app.ok(&["run", "--once"]); // the ID request goes out: the clock stops
    let case = &app.json(&["cases", "--json"])[0];
    assert_eq!(case["suspended"], true, "{case}");
    let received: DateTime<Utc> = case["received_at"].as_str().unwrap().parse().unwrap();
    let reference = case["reference"].as_str().unwrap().to_string();

    // Five days later the client answers with a copy of their passport.
    let reply = format!(
        "From: Anna Berg <anna@example.dk>\r\nTo: {BUSINESS}\r\nSubject: Re: ID\r\nMessage-ID: <id-reply@example.dk>\r\n\
         In-Reply-To: <susp@example.dk>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n\
         --B\r\nContent-Type: text/plain\r\n\r\nHer er mit pas.\r\n--B\r\nContent-Type: application/pdf; name=pas.pdf\r\n\
         Content-Disposition: attachment; filename=pas.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--B--\r\n"
    );
    deliver_to_business(&servers, reply.as_bytes(), "anna@example.dk", 3).await;
    let later = shifted(5);
    assert!(app.run_at(&later, &["run", "--once"]).status.success());

    let out = app.run_at(&later, &["cases", "--json"]);
    let case: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(case["state"], "id_received");
    assert_eq!(case["suspended"], false);
    let days = case["suspended_days"].as_u64().unwrap() as u32;
    assert!((4..=6).contains(&days), "about five days: {case}");
    let country = gdpr_inbox::domain::Country::Denmark;
    let expected = gdpr_inbox::legal_clock::period_in_months(
        country,
        gdpr_inbox::legal_clock::local_day(country, received),
        1,
        days,
    )
    .unwrap()
    .due;
    assert_eq!(case["due"], expected.to_string());
    let shown = String::from_utf8_lossy(&app.run_at(&later, &["case", "show", &reference]).stdout)
        .to_string();
    assert!(
        shown.contains("case.clock_suspended") && shown.contains("case.clock_resumed"),
        "{shown}"
    );
}
