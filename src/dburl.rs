//! Database URLs in messages: redaction of passwords. (Which provider a URL names, and its
//! parameters, are the connection layer's: `crate::connection`.)
//!
//! Rules: a password never leaves this process in any message. Every error or report that might
//! contain a URL (ours, or a driver's) passes through `redact_text` before it is printed.

/// `scheme://user:secret@host/db` -> `scheme://user:***@host/db`, for every URL in `text`, and
/// every `password=...` (a libpq and Prisma URL parameter, a libpq key-value string) as
/// `password=***`.
pub fn redact_text(text: &str) -> String {
    redact_password_parameters(&redact_userinfo(text))
}

fn redact_userinfo(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let token_end = tail
            .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '`')
            .unwrap_or(tail.len());
        let token = &tail[..token_end];
        let before_query = &token[..token.find('?').unwrap_or(token.len())];
        // The user part ends at the last `@` before the query: a password may hold `/` or `@`
        // that its user did not percent-encode.
        rest = match (before_query.rfind('@'), before_query.find(':')) {
            (Some(at), Some(colon)) if colon < at => {
                out.push_str(&token[..colon]);
                out.push_str(":***");
                &tail[at..]
            }
            _ => tail,
        };
    }
    out.push_str(rest);
    out
}

/// `password=`, `sslpassword=` (any key ending in `password`) and the value up to the next
/// separator, hidden.
fn redact_password_parameters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("password=") {
        let (head, tail) = rest.split_at(i + "password=".len());
        out.push_str(head);
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '&' | '"' | '\'' | '`' | ')' | ','))
            .unwrap_or(tail.len());
        if end > 0 {
            out.push_str("***");
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Also hides a known password wherever it appears, as written in the URL and decoded
/// (drivers sometimes echo it bare).
pub fn redact_with(text: &str, url: &str) -> String {
    let mut out = redact_text(text);
    for password in passwords_of(url) {
        if password.len() >= 3 {
            out = out.replace(&password, "***");
        }
    }
    out
}

/// The secrets a URL carries: the password of its user part and of its `password` and
/// `sslpassword` parameters, each as written and percent-decoded.
fn passwords_of(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
    if let Some((userinfo, _)) = before_query.rsplit_once('@')
        && let Some((_, password)) = userinfo.split_once(':')
    {
        found.push(password.to_owned());
    }
    for pair in query.split('&') {
        if let Some((key, value)) = pair.split_once('=')
            && key.ends_with("password")
        {
            found.push(value.to_owned());
        }
    }
    let decoded: Vec<String> = found
        .iter()
        .map(|p| crate::connection::params::decode(p))
        .collect();
    found.extend(decoded);
    // The longest first, so that a password containing another is hidden whole.
    found.sort_by_key(|p| std::cmp::Reverse(p.len()));
    found.dedup();
    found
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
        assert_eq!(
            redact_text("postgresql://u:ab/c@d@h/db is down"),
            "postgresql://u:***@h/db is down",
            "a password with an unencoded / or @"
        );
        assert_eq!(
            redact_text("postgresql://u@h/d?sslmode=require&password=hunter22&x=1"),
            "postgresql://u@h/d?sslmode=require&password=***&x=1"
        );
        assert_eq!(
            redact_with(
                "login for p@ss/word failed",
                "postgresql://u@h/d?password=p%40ss%2Fword"
            ),
            "login for *** failed",
            "a percent-encoded password is hidden decoded too"
        );
    }
}
