//! Database URLs in messages: redaction of passwords. (Which provider a URL names, and its
//! parameters, are the connection layer's: `crate::connection`.)
//!
//! Rules: a password never leaves this process in any message. Every error or report that might
//! contain a URL (ours, or a driver's) passes through `redact_text` before it is printed.

/// `scheme://user:secret@host/db` -> `scheme://user:***@host/db`, for every URL in `text`.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '`' || c == '/')
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        match (authority.rfind('@'), authority.find(':')) {
            (Some(at), Some(colon)) if colon < at => {
                out.push_str(&authority[..colon]);
                out.push_str(":***");
                out.push_str(&authority[at..]);
            }
            _ => out.push_str(authority),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Also hides a known password wherever it appears (drivers sometimes echo it bare).
pub fn redact_with(text: &str, url: &str) -> String {
    let mut out = redact_text(text);
    if let Some(password) = password_of(url).filter(|p| p.len() >= 3) {
        out = out.replace(&password, "***");
    }
    out
}

fn password_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let userinfo = authority.rsplit_once('@')?.0;
    let password = userinfo.split_once(':')?.1;
    Some(password.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords_in_urls() {
        assert_eq!(
            redact_text("cannot connect to postgresql://app:s3cret@db:5432/prod: refused"),
            "cannot connect to postgresql://app:***@db:5432/prod: refused"
        );
        assert_eq!(
            redact_text("mysql://root@localhost/test"),
            "mysql://root@localhost/test"
        );
        assert_eq!(
            redact_with("password s3cret rejected", "postgresql://u:s3cret@h/d"),
            "password *** rejected"
        );
    }
}
