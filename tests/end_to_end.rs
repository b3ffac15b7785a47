//! The foundation path against a real Dovecot and Postfix: a request sent by SMTP becomes a case
//! and a draft after `run --once`; `drafts approve` + `run --once` delivers exactly one threaded
//! reply and files a copy in Sent; nothing is sent twice, even across an interrupted send.

#[path = "support/app.rs"]
mod app;
#[path = "support/mail_servers.rs"]
mod mail_servers;

use std::time::Duration;

use app::{deliver_to_business, App, BUSINESS, BUSINESS_PASSWORD};
use gdpr_inbox::message::Message;
use mail_servers::MailServers;

const CLIENT: &str = "mette.hansen@example.dk";
const CLIENT_PASSWORD: &str = "client-secret";
const WAIT: Duration = Duration::from_secs(20);

fn danish_access_request(message_id: &str) -> Vec<u8> {
    format!(
        "From: Mette Hansen <{CLIENT}>\r\n\
         To: Calmo <{BUSINESS}>\r\n\
         Subject: Indsigt i mine oplysninger\r\n\
         Message-ID: <{message_id}>\r\n\
         Date: Thu, 05 Mar 2026 10:15:00 +0100\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         Hej Calmo\r\n\
         \r\n\
         Jeg vil gerne have indsigt i de personoplysninger, I har registreret om mig.\r\n\
         \r\n\
         Venlig hilsen\r\n\
         Mette\r\n"
    )
    .into_bytes()
}

/// The client's INBOX, parsed, after a marker mail sent behind everything else has arrived — so a
/// duplicate reply queued earlier would be there too.
async fn client_inbox_settled(servers: &MailServers) -> Vec<Message> {
    let before = servers
        .mailbox_count(CLIENT, CLIENT_PASSWORD, "INBOX")
        .await
        .unwrap();
    let marker = b"From: marker@example.dk\r\nSubject: marker\r\nMessage-ID: <marker@example.dk>\r\n\r\nmarker\r\n";
    servers
        .deliver(marker, "marker@example.dk", CLIENT)
        .await
        .unwrap();
    servers
        .wait_for_messages(CLIENT, CLIENT_PASSWORD, "INBOX", before + 1, WAIT)
        .await
        .unwrap();
    servers
        .fetch_all(CLIENT, CLIENT_PASSWORD, "INBOX")
        .await
        .unwrap()
        .iter()
        .map(|raw| Message::parse(raw).unwrap())
        .filter(|m| m.subject != "marker")
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_danish_access_request_becomes_a_case_a_draft_and_one_threaded_reply() {
    let servers = MailServers::start()
        .await
        .expect("start Dovecot and Postfix");
    let app = App::new(&servers);
    servers.add_user(CLIENT, CLIENT_PASSWORD).unwrap();
    deliver_to_business(
        &servers,
        &danish_access_request("req-1@example.dk"),
        CLIENT,
        1,
    )
    .await;

    app.ok(&["run", "--once"]);

    let cases = app.json(&["cases", "--json"]);
    assert_eq!(cases.len(), 1, "{cases:?}");
    let case = &cases[0];
    assert_eq!(case["kinds"], serde_json::json!(["access"]));
    assert_eq!(case["language"], "da");
    assert_eq!(case["requester"], CLIENT);
    assert_eq!(
        case["state"], "awaiting_id",
        "the default policy asks for ID first"
    );
    let reference = case["reference"].as_str().unwrap().to_string();
    assert!(reference.starts_with("GDPR-"), "{reference}");

    let drafts = app.json(&["drafts", "--json"]);
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    let draft = &drafts[0];
    assert_eq!(draft["language"], "da");
    assert_eq!(draft["purpose"], "id_request");
    assert_eq!(draft["to"], CLIENT);
    assert_eq!(draft["state"], "pending");
    assert_eq!(draft["case"], reference.as_str());
    let id = draft["id"].as_i64().unwrap().to_string();
    let shown = app.ok(&["drafts", "show", &id]);
    assert!(shown.contains("Kære Mette Hansen"), "{shown}");
    assert!(shown.contains("Calmo"), "{shown}");
    assert!(shown.contains(&reference), "{shown}");

    // Nothing is sent before approval.
    app.ok(&["run", "--once"]);
    assert_eq!(
        servers
            .mailbox_count(CLIENT, CLIENT_PASSWORD, "INBOX")
            .await
            .unwrap(),
        0
    );

    app.ok(&["drafts", "approve", &id]);
    let again = app.run(&["drafts", "approve", &id]);
    assert_eq!(again.status.code(), Some(2), "approving twice is refused");
    app.ok(&["run", "--once"]);

    servers
        .wait_for_messages(CLIENT, CLIENT_PASSWORD, "INBOX", 1, WAIT)
        .await
        .expect("the reply reaches the client");
    app.ok(&["run", "--once"]); // a further pass must not send again
    let received = client_inbox_settled(&servers).await;
    assert_eq!(
        received.len(),
        1,
        "exactly one reply: {:?}",
        received.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    let reply = &received[0];
    assert_eq!(reply.in_reply_to, vec!["req-1@example.dk"]);
    assert_eq!(reply.references, vec!["req-1@example.dk"]);
    assert!(reply.subject.contains(&reference), "{}", reply.subject);
    assert!(reply.from.as_ref().unwrap().same_address(BUSINESS));
    assert!(reply.to.iter().all(|to| to.same_address(CLIENT)));
    assert!(reply.text.contains("Kære Mette Hansen"), "{}", reply.text);
    assert!(
        !reply.has_header("auto-submitted"),
        "an approved reply is not automatic"
    );

    let sent = servers
        .fetch_all(BUSINESS, BUSINESS_PASSWORD, "Sent")
        .await
        .unwrap();
    assert_eq!(sent.len(), 1, "one copy in Sent");
    let copy = Message::parse(&sent[0]).unwrap();
    assert_eq!(copy.message_id, reply.message_id);

    let drafts = app.json(&["drafts", "--json", "--all"]);
    assert_eq!(drafts[0]["state"], "sent");
    assert_eq!(drafts[0]["delivery"], "filed");
    // The request was read with BODY.PEEK: the practitioner still sees it as unread.
    let mut session = servers
        .imap_login(BUSINESS, BUSINESS_PASSWORD)
        .await
        .unwrap();
    session.select("INBOX").await.unwrap();
    assert!(
        session.uid_search("SEEN").await.unwrap().is_empty(),
        "the request is still unread"
    );
    session.logout().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follow_up_in_the_thread_joins_the_case_and_its_id_moves_it_on() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    deliver_to_business(
        &servers,
        &danish_access_request("req-2@example.dk"),
        CLIENT,
        1,
    )
    .await;
    app.ok(&["run", "--once"]);

    let follow_up = format!(
        "From: Mette Hansen <{CLIENT}>\r\nTo: {BUSINESS}\r\nSubject: Re: Din henvendelse\r\n\
         Message-ID: <follow-up@example.dk>\r\nIn-Reply-To: <req-2@example.dk>\r\nReferences: <req-2@example.dk>\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n\
         --XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHer er mit pas.\r\n\
         --XX\r\nContent-Type: image/jpeg; name=pas.jpg\r\nContent-Disposition: attachment; filename=pas.jpg\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n/9j/4AAQSkZJRgABAQ==\r\n--XX--\r\n"
    );
    deliver_to_business(&servers, follow_up.as_bytes(), CLIENT, 2).await;
    app.ok(&["run", "--once"]);

    let cases = app.json(&["cases", "--json"]);
    assert_eq!(
        cases.len(),
        1,
        "the follow-up joins, it does not open a second case: {cases:?}"
    );
    assert_eq!(cases[0]["state"], "id_received");
    let reference = cases[0]["reference"].as_str().unwrap();
    app.ok(&["case", "verify", reference, "--method", "passport copy"]);
    let case = &app.json(&["case", "show", reference, "--json"])[0];
    assert_eq!(case["state"], "open");
    assert_eq!(case["id_method"], "passport copy");
    let drafts = app.json(&["drafts", "--json"]);
    let purposes: Vec<&str> = drafts
        .iter()
        .map(|d| d["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, vec!["id_request", "reply"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automated_mail_and_ordinary_mail_open_no_case() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    let auto_reply = format!(
        "From: {CLIENT}\r\nTo: {BUSINESS}\r\nSubject: Fravær: indsigt i mine oplysninger\r\nAuto-Submitted: auto-replied\r\n\
         Message-ID: <auto@example.dk>\r\n\r\nJeg er væk. Jeg vil gerne have indsigt i mine oplysninger.\r\n"
    );
    let booking = format!(
        "From: {CLIENT}\r\nTo: {BUSINESS}\r\nSubject: Tid på tirsdag?\r\nMessage-ID: <booking@example.dk>\r\n\r\n\
         Hej, kan jeg få en tid på tirsdag kl. 10?\r\n"
    );
    deliver_to_business(&servers, auto_reply.as_bytes(), CLIENT, 1).await;
    deliver_to_business(&servers, booking.as_bytes(), CLIENT, 2).await;
    app.ok(&["run", "--once"]);
    assert!(app.json(&["cases", "--json", "--all"]).is_empty());
    assert!(app.json(&["drafts", "--json", "--all"]).is_empty());
}

/// Opens the database of `app` directly, as a crash would have left it.
async fn set_outbox_state(app: &App, state: &str) {
    let db = gdpr_inbox::storage::Db::open(&app.database())
        .await
        .unwrap();
    sqlx::query("UPDATE outbox SET state = ?")
        .bind(state)
        .execute(db.pool())
        .await
        .unwrap();
    db.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_send_is_never_repeated_blindly() {
    let servers = MailServers::start().await.unwrap();
    let app = App::with_extra(&servers, "[policy]\nid_check = \"never\"\n");
    servers.add_user(CLIENT, CLIENT_PASSWORD).unwrap();
    deliver_to_business(
        &servers,
        &danish_access_request("req-3@example.dk"),
        CLIENT,
        1,
    )
    .await;
    app.ok(&["run", "--once"]);
    let draft = app.json(&["drafts", "--json"])[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    assert_eq!(
        app.json(&["drafts", "--json"])[0]["purpose"],
        "reply",
        "id_check = never drafts the answer"
    );
    app.ok(&["drafts", "approve", &draft]);

    // A kill -9 after "sending" was recorded, before (or during) SMTP: no copy in Sent, so it
    // is not known whether it went out. It must not be sent again automatically.
    set_outbox_state(&app, "sending").await;
    app.ok(&["run", "--once"]);
    let drafts = app.json(&["drafts", "--json", "--all"]);
    assert_eq!(drafts[0]["delivery"], "unconfirmed");
    assert!(
        client_inbox_settled(&servers).await.is_empty(),
        "nothing was sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_send_interrupted_after_the_server_took_it_is_recognised_in_sent() {
    let servers = MailServers::start().await.unwrap();
    let app = App::with_extra(&servers, "[policy]\nid_check = \"never\"\n");
    servers.add_user(CLIENT, CLIENT_PASSWORD).unwrap();
    deliver_to_business(
        &servers,
        &danish_access_request("req-4@example.dk"),
        CLIENT,
        1,
    )
    .await;
    app.ok(&["run", "--once"]);
    let draft = app.json(&["drafts", "--json"])[0]["id"].as_i64().unwrap();
    app.ok(&["drafts", "approve", &draft.to_string()]);

    // Simulate: SMTP accepted the reply and a copy reached Sent, then the process died before
    // recording "sent".
    let db = gdpr_inbox::storage::Db::open(&app.database())
        .await
        .unwrap();
    let row = {
        let mut conn = db.conn().await.unwrap();
        gdpr_inbox::storage::outbox::get_by_draft(&mut conn, draft)
            .await
            .unwrap()
            .unwrap()
    };
    db.close().await;
    servers.deliver(&row.raw, BUSINESS, CLIENT).await.unwrap();
    servers
        .append(
            BUSINESS,
            BUSINESS_PASSWORD,
            "Sent",
            &row.raw,
            Some("(\\Seen)"),
        )
        .await
        .unwrap();
    set_outbox_state(&app, "sending").await;

    app.ok(&["run", "--once"]);
    let drafts = app.json(&["drafts", "--json", "--all"]);
    assert_eq!(drafts[0]["state"], "sent");
    assert_eq!(drafts[0]["delivery"], "filed");
    assert_eq!(
        client_inbox_settled(&servers).await.len(),
        1,
        "exactly one reply"
    );
    assert_eq!(
        servers
            .fetch_all(BUSINESS, BUSINESS_PASSWORD, "Sent")
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_reports_each_part_and_names_the_failing_server() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    let out = app.ok(&["check"]);
    for part in [
        "ok    config",
        "ok    templates",
        "ok    database",
        "ok    imap",
        "ok    smtp",
    ] {
        assert!(out.contains(part), "{part}: {out}");
    }
    assert!(
        out.contains("Sent=Sent") && out.contains("IDLE, UIDPLUS, MOVE supported"),
        "{out}"
    );

    std::fs::write(app.dir.path().join("imap-password"), "wrong\n").unwrap();
    let failed = app.run(&["check"]);
    assert_eq!(failed.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&failed.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("FAIL  imap"))
        .unwrap_or_default();
    assert!(
        line.contains(&format!("imap 127.0.0.1:{}", servers.imap_port())),
        "{stdout}"
    );
    assert!(
        line.contains("login") && !line.contains("wrong"),
        "names the server, never the password: {line}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_mail_found_at_the_first_run_is_reviewed_not_opened_as_a_case() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    let mut session = servers
        .imap_login(BUSINESS, BUSINESS_PASSWORD)
        .await
        .unwrap();
    session
        .append(
            "INBOX",
            None,
            Some("\"02-Jan-2025 10:00:00 +0100\""),
            &danish_access_request("old@example.dk"),
        )
        .await
        .unwrap();
    session.logout().await.unwrap();
    app.ok(&["run", "--once"]);
    assert!(
        app.json(&["cases", "--json"]).is_empty(),
        "no case with a deadline long past"
    );
    let listing = app.ok(&["cases"]);
    assert!(
        listing.contains("Messages to review") && listing.contains("Indsigt i mine oplysninger"),
        "{listing}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_business_own_mail_is_reviewed_never_opened_as_its_own_request() {
    let servers = MailServers::start().await.unwrap();
    let app = App::new(&servers);
    // The practitioner forwards a client's request (received elsewhere) to the watched inbox.
    let forwarded = format!(
        "From: Calmo <{BUSINESS}>\r\nTo: {BUSINESS}\r\nSubject: Fwd: Indsigt i mine oplysninger\r\n\
         Message-ID: <fwd@calmo.test>\r\nDate: Thu, 05 Mar 2026 11:00:00 +0100\r\n\r\n\
         ---------- Forwarded message ---------\r\nFrom: Mette Hansen <{CLIENT}>\r\n\
         Subject: Indsigt i mine oplysninger\r\n\r\n\
         Jeg vil gerne have indsigt i de personoplysninger, I har registreret om mig.\r\n"
    );
    deliver_to_business(&servers, forwarded.as_bytes(), BUSINESS, 1).await;
    app.ok(&["run", "--once"]);
    assert!(
        app.json(&["cases", "--json", "--all"]).is_empty(),
        "the business is not the requester"
    );
    assert!(app.json(&["drafts", "--json", "--all"]).is_empty());
    let listing = app.ok(&["cases"]);
    assert!(
        listing.contains("Messages to review") && listing.contains("Fwd: Indsigt"),
        "{listing}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_automatic_receipt_goes_out_only_when_the_policy_switches_it_on() {
    let servers = MailServers::start().await.unwrap();
    let app = App::with_extra(&servers, "[policy]\nacknowledge_receipt = true\n");
    servers.add_user(CLIENT, CLIENT_PASSWORD).unwrap();
    deliver_to_business(
        &servers,
        &danish_access_request("ack@example.dk"),
        CLIENT,
        1,
    )
    .await;
    app.ok(&["run", "--once"]);
    let received = client_inbox_settled(&servers).await;
    assert_eq!(received.len(), 1, "only the receipt, nothing unapproved");
    let receipt = &received[0];
    assert_eq!(receipt.header("auto-submitted"), Some("auto-replied"));
    assert_eq!(receipt.in_reply_to, vec!["ack@example.dk"]);
    assert!(receipt.subject.contains("GDPR-"), "{}", receipt.subject);
    let pending = app.json(&["drafts", "--json"]);
    assert_eq!(pending.len(), 1, "the ID request still waits for approval");
    assert_eq!(pending[0]["purpose"], "id_request");
}

/// A contact form's notification from the website's no-reply address, in Danish.
fn relayed(message_id: &str, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Calmo hjemmeside <noreply@calmo-web.test>\r\nTo: {BUSINESS}\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\nDate: Thu, 05 Mar 2026 10:15:00 +0100\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
    )
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relayed_request_is_answered_at_the_address_the_relay_names_never_the_relay() {
    let servers = MailServers::start().await.unwrap();
    let app = App::with_extra(&servers, "[policy]\nacknowledge_receipt = true\n");
    servers.add_user(CLIENT, CLIENT_PASSWORD).unwrap();
    let named = relayed(
        "form-1@calmo-web.test",
        "Ny henvendelse fra kontaktformularen",
        &format!(
            "Navn: Mette Hansen\r\nE-mail: {CLIENT}\r\n\r\nBesked:\r\n\
             Jeg vil gerne have indsigt i de personoplysninger, I har registreret om mig.\r\n"
        ),
    );
    // The same system relays another client, naming no address.
    let unnamed = relayed(
        "form-2@calmo-web.test",
        "Ny besked fra klient: Jonas",
        "Jonas skriver:\r\nJeg vil gerne have indsigt i de personoplysninger, I har om mig.\r\n",
    );
    deliver_to_business(&servers, &named, "noreply@calmo-web.test", 1).await;
    deliver_to_business(&servers, &unnamed, "noreply@calmo-web.test", 2).await;
    app.ok(&["run", "--once"]);

    let cases = app.json(&["cases", "--json"]);
    assert_eq!(cases.len(), 2, "two clients, two cases: {cases:?}");
    let for_client: Vec<_> = cases.iter().filter(|c| c["requester"] == CLIENT).collect();
    assert_eq!(for_client.len(), 1, "{cases:?}");
    // the receipt went to the person the form named, and only to them
    let received = client_inbox_settled(&servers).await;
    assert_eq!(received.len(), 1, "the receipt reaches the client");
    assert_eq!(received[0].header("auto-submitted"), Some("auto-replied"));
    let drafts = app.json(&["drafts", "--json"]);
    assert_eq!(
        drafts.len(),
        1,
        "no draft for the relay naming nobody: {drafts:?}"
    );
    assert_eq!(drafts[0]["to"], CLIENT);
    assert_eq!(
        drafts[0]["purpose"], "id_request",
        "a form's address proves no identity"
    );

    let unnamed_case = cases.iter().find(|c| c["requester"] != CLIENT).unwrap();
    let reference = unnamed_case["reference"].as_str().unwrap();
    let shown = app.ok(&["case", "show", reference]);
    assert!(shown.contains("answer the client by hand"), "{shown}");
    // Even a reply drafted by hand for it is never sent to the relay.
    app.ok(&["case", "verify", reference, "--method", "phoned the client"]);
    let to_relay = app.json(&["drafts", "--json"]);
    let to_relay = to_relay.iter().find(|d| d["case"] == reference).unwrap();
    let refused = app.run(&["drafts", "approve", &to_relay["id"].to_string()]);
    assert_eq!(refused.status.code(), Some(2));
    let error = String::from_utf8_lossy(&refused.stderr);
    assert!(error.contains("takes no reply"), "{error}");
}
