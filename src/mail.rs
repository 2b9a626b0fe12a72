//! Invitation emails over SMTP (lettre): the [`Mailer`] the outbox
//! deliverer sends through, and the message it renders (text and HTML, from
//! the Fluent catalogue). Errors name no address: servers quote the ones
//! they refuse, and the text reaches the log and `#list`.

use crate::config::{EmailSettings, EmailTls};
use crate::domain::EffectError;
use crate::domain::email::{Invitation, Mailer, redact};
use crate::i18n::Tr;
use futures::future::BoxFuture;
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP exchange may take before it counts as a temporary
/// failure.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Why the mailer could not be set up (at start, naming the setting).
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    #[error("email.credentials_file {0}: {1}")]
    Credentials(String, String),
    #[error("email.ca_file {0}: {1}")]
    Ca(String, String),
    #[error("email: {0}")]
    Tls(String),
    #[error("email.from_address: {0}")]
    From(String),
}

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    domain: String,
    catalogue: std::sync::Arc<crate::i18n::LiveCatalogue>,
}

/// Reads `user\npassword` from the credentials file.
fn credentials(path: &std::path::Path) -> Result<Credentials, SetupError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| SetupError::Credentials(name.clone(), e.to_string()))?;
    let mut lines = text.lines();
    match (lines.next().map(str::trim), lines.next()) {
        (Some(user), Some(password)) if !user.is_empty() && !password.is_empty() => {
            Ok(Credentials::new(user.to_owned(), password.to_owned()))
        }
        _ => Err(SetupError::Credentials(
            name,
            "expected the user name on the first line and the password on the second".into(),
        )),
    }
}

impl SmtpMailer {
    pub fn new(
        settings: &EmailSettings,
        domain: &str,
        catalogue: std::sync::Arc<crate::i18n::LiveCatalogue>,
    ) -> Result<SmtpMailer, SetupError> {
        let tls = match settings.tls {
            EmailTls::None => None,
            EmailTls::Starttls | EmailTls::Implicit => {
                let mut b = TlsParameters::builder(settings.host.clone());
                if let Some(ca) = &settings.ca_file {
                    let name = ca.display().to_string();
                    let pem = std::fs::read(ca)
                        .map_err(|e| SetupError::Ca(name.clone(), e.to_string()))?;
                    let cert = Certificate::from_pem(&pem)
                        .map_err(|e| SetupError::Ca(name, e.to_string()))?;
                    b = b.add_root_certificate(cert);
                }
                Some(
                    b.build_rustls()
                        .map_err(|e| SetupError::Tls(e.to_string()))?,
                )
            }
        };
        let mut builder =
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(settings.host.clone())
                .port(settings.port)
                .timeout(Some(SMTP_TIMEOUT))
                .tls(match (settings.tls, tls) {
                    (EmailTls::Starttls, Some(p)) => Tls::Required(p),
                    (EmailTls::Implicit, Some(p)) => Tls::Wrapper(p),
                    _ => Tls::None,
                });
        if let Some(path) = &settings.credentials_file {
            builder = builder.credentials(credentials(path)?);
        }
        let address = settings
            .from_address
            .parse()
            .map_err(|e: lettre::address::AddressError| SetupError::From(e.to_string()))?;
        Ok(SmtpMailer {
            transport: builder.build(),
            from: Mailbox::new(settings.from_name.clone(), address),
            domain: domain.to_owned(),
            catalogue,
        })
    }

    async fn deliver(&self, invitation: &Invitation) -> Result<(), EffectError> {
        let to = invitation
            .to
            .parse()
            .map_err(|_| EffectError::Permanent("the address is not valid".into()))?;
        let tr = self.catalogue.for_tag(invitation.lang.as_deref());
        let rendered = render(&tr, &self.domain, invitation);
        let message = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(None, to))
            .subject(rendered.subject)
            .multipart(MultiPart::alternative_plain_html(
                rendered.text,
                rendered.html,
            ))
            .map_err(|e| {
                EffectError::Permanent(format!("message not built: {}", redact(&e.to_string())))
            })?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) => {
                let code = e.status().map(|c| c.to_string());
                let text = match &code {
                    Some(c) => format!("SMTP {c}: {}", redact(&e.to_string())),
                    None => redact(&e.to_string()),
                };
                Err(if e.is_permanent() {
                    EffectError::Permanent(text)
                } else {
                    // 4xx, time-outs, connection and TLS trouble: try again.
                    EffectError::Transient(text)
                })
            }
        }
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(&'a self, invitation: &'a Invitation) -> BoxFuture<'a, Result<(), EffectError>> {
        Box::pin(self.deliver(invitation))
    }
}

/// The message, in both forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Escapes text for HTML content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders an invitation. The personal message was checked when it was
/// typed (length, control characters); here it is escaped for HTML and
/// kept apart from our text as a quotation.
pub fn render(tr: &Tr, domain: &str, i: &Invitation) -> Rendered {
    let inviter = i.inviter.to_string();
    let expires = i.expires.to_xep0082();
    let a = |key: &str| {
        tr.args(
            key,
            &[
                ("inviter", &inviter),
                ("domain", domain),
                ("expires", &expires),
            ],
        )
    };
    let subject = a("email-subject");
    let mut text = String::new();
    let mut html = String::from("<!DOCTYPE html>\n<html><body>\n");
    if i.copy {
        text.push_str(&format!("{}\n\n", a("email-copy")));
        html.push_str(&format!("<p><em>{}</em></p>\n", escape(&a("email-copy"))));
    }
    text.push_str(&format!("{}\n\n", a("email-intro")));
    html.push_str(&format!("<p>{}</p>\n", escape(&a("email-intro"))));
    if let Some(m) = &i.message {
        let quoted: Vec<String> = m.lines().map(|l| format!("> {l}")).collect();
        text.push_str(&format!(
            "{}\n{}\n\n",
            a("email-message-intro"),
            quoted.join("\n")
        ));
        let lines: Vec<String> = m.lines().map(escape).collect();
        html.push_str(&format!(
            "<p>{}</p>\n<blockquote>{}</blockquote>\n",
            escape(&a("email-message-intro")),
            lines.join("<br>\n")
        ));
    }
    text.push_str(&format!("{}\n{}\n\n", a("email-link-intro"), i.link));
    html.push_str(&format!(
        "<p>{}</p>\n<p><a href=\"{}\">{}</a></p>\n<p>{}</p>\n",
        escape(&a("email-link-intro")),
        escape(&i.link),
        escape(&a("email-button")),
        escape(&i.link)
    ));
    for key in ["email-expiry", "email-about", "email-footer"] {
        text.push_str(&format!("{}\n\n", a(key)));
        html.push_str(&format!("<p>{}</p>\n", escape(&a(key))));
    }
    html.push_str("</body></html>\n");
    Rendered {
        subject,
        text: text.trim_end().to_owned() + "\n",
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{InviteId, Timestamp};
    use xmpp_parsers::jid::BareJid;

    fn invitation(message: Option<&str>) -> Invitation {
        Invitation {
            invite: InviteId(1),
            to: "bob@example.net".into(),
            inviter: BareJid::new("juliet@example.org").unwrap(),
            message: message.map(str::to_owned),
            link: "https://i.example.org/invite/TOKEN".into(),
            expires: Timestamp(86_400),
            copy: false,
            lang: None,
        }
    }

    #[test]
    fn both_parts_carry_the_link_the_inviter_and_the_expiry() {
        let r = render(&Tr::default(), "example.org", &invitation(None));
        assert_eq!(
            r.subject,
            "juliet@example.org invites you to chat on example.org"
        );
        for part in [&r.text, &r.html] {
            assert!(
                part.contains("https://i.example.org/invite/TOKEN"),
                "{part}"
            );
            assert!(part.contains("juliet@example.org"));
            assert!(part.contains("1970-01-02T00:00:00Z"));
            assert!(part.contains("XMPP"));
            assert!(
                !part.contains("bob@example.net"),
                "the recipient is not repeated"
            );
        }
        assert!(
            r.html
                .contains("<a href=\"https://i.example.org/invite/TOKEN\">")
        );
    }

    #[test]
    fn the_personal_message_is_escaped_in_html_and_quoted_in_text() {
        let r = render(
            &Tr::default(),
            "example.org",
            &invitation(Some("<script>alert(1)</script> & \"hi\"\nline two")),
        );
        assert!(
            r.html.contains(
                "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;hi&quot;<br>\nline two"
            )
        );
        assert!(!r.html.contains("<script>"));
        assert!(
            r.text
                .contains("> <script>alert(1)</script> & \"hi\"\n> line two")
        );
    }

    #[test]
    fn a_copy_says_so() {
        let mut i = invitation(None);
        i.copy = true;
        assert!(
            render(&Tr::default(), "example.org", &i)
                .text
                .starts_with("This is a copy")
        );
    }
}
