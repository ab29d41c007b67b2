//! Value types: parse, don't validate. Each `parse` takes the request field name so its error
//! names the field the client sent.

use serde::Serialize;

use crate::ValidationError;

/// A normalised (trimmed, lower-case) e-mail address.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub const MAX_LEN: usize = 254;

    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let value = raw.trim().to_lowercase();
        if value.is_empty() {
            return Err(ValidationError::new(field, "This field may not be blank."));
        }
        if value.chars().count() > Self::MAX_LEN {
            return Err(too_long(field, Self::MAX_LEN));
        }
        if !email_address::EmailAddress::is_valid(&value) || !value.contains('@') {
            return Err(ValidationError::new(field, "Enter a valid email address."));
        }
        Ok(Self(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part before `@`, Plane's default display name.
    pub fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or(&self.0)
    }

    /// Rebuilds a value that was validated before it was stored.
    pub fn from_trusted(value: String) -> Self {
        Self(value)
    }
}

/// A workspace slug: lower-case letters, digits and dashes, not a reserved word.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

/// Words that name routes or product areas, so a workspace may not take them.
const RESERVED_SLUGS: &[&str] = &[
    "404",
    "accounts",
    "admin",
    "api",
    "app",
    "assets",
    "auth",
    "create-workspace",
    "docs",
    "god-mode",
    "graphql",
    "health",
    "help",
    "installations",
    "invitations",
    "login",
    "logout",
    "me",
    "metrics",
    "new",
    "onboarding",
    "password",
    "profile",
    "projects",
    "ready",
    "register",
    "settings",
    "sign-in",
    "sign-up",
    "signin",
    "signup",
    "spaces",
    "static",
    "status",
    "users",
    "workspaces",
    "ws",
    "www",
];

impl Slug {
    pub const MAX_LEN: usize = 48;

    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(ValidationError::new(field, "This field may not be blank."));
        }
        if value.len() > Self::MAX_LEN {
            return Err(too_long(field, Self::MAX_LEN));
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if !value.chars().all(allowed) {
            return Err(ValidationError::new(
                field,
                "Use only lower-case letters, digits and dashes.",
            ));
        }
        if value.starts_with('-') || value.ends_with('-') || value.contains("--") {
            return Err(ValidationError::new(
                field,
                "Dashes may not start or end the slug, nor stand twice in a row.",
            ));
        }
        if RESERVED_SLUGS.contains(&value) {
            return Err(ValidationError::new(
                field,
                format!("\"{value}\" is reserved; choose another slug."),
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A required, non-blank, length-limited text such as a name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    pub fn parse(field: &str, raw: &str, max_len: usize) -> Result<Self, ValidationError> {
        let value = raw.trim();
        if value.is_empty() {
            return Err(ValidationError::new(field, "This field may not be blank."));
        }
        if value.chars().count() > max_len {
            return Err(too_long(field, max_len));
        }
        if value.chars().any(char::is_control) {
            return Err(ValidationError::new(
                field,
                "Control characters are not allowed.",
            ));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Checks an optional free text against a length limit.
pub fn bounded_text(field: &str, raw: &str, max_len: usize) -> Result<String, ValidationError> {
    if raw.chars().count() > max_len {
        return Err(too_long(field, max_len));
    }
    Ok(raw.to_owned())
}

/// Characters Plane refuses in project names and identifiers.
const PROJECT_FORBIDDEN: &[char] = &[
    '&', '+', ',', ':', ';', '$', '^', '}', '{', '*', '=', '?', '@', '#', '|', '\'', '<', '>', '.',
    '(', ')', '%', '!', '-',
];

/// A project name under Plane's rules.
pub fn project_name(field: &str, raw: &str) -> Result<Name, ValidationError> {
    let name = Name::parse(field, raw, 255)?;
    if name.as_str().contains(PROJECT_FORBIDDEN) {
        return Err(ValidationError::new(
            field,
            "Project name cannot contain special characters.",
        ));
    }
    Ok(name)
}

/// A project identifier (the `PROJ` of `PROJ-42`): at most 12 characters, stored upper-case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ProjectIdentifier(String);

impl ProjectIdentifier {
    pub const MAX_LEN: usize = 12;

    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        if raw.chars().count() > Self::MAX_LEN {
            return Err(too_long(field, Self::MAX_LEN));
        }
        let value = raw.trim();
        if value.is_empty() {
            return Err(ValidationError::new(field, "This field may not be blank."));
        }
        let allowed = |c: char| c.is_alphanumeric() || c == '_' || c == ' ';
        if value.contains(PROJECT_FORBIDDEN) || !value.chars().all(allowed) {
            return Err(ValidationError::new(
                field,
                "Project identifier cannot contain special characters.",
            ));
        }
        Ok(Self(value.to_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the policy. The value never appears in `Debug`.
#[derive(Clone)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// Passwords so common that attackers try them first.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password1",
    "password123",
    "12345678",
    "123456789",
    "1234567890",
    "qwerty123",
    "qwertyuiop",
    "11111111",
    "iloveyou",
    "letmein1",
    "welcome1",
    "admin123",
    "abc12345",
    "00000000",
    "passw0rd",
];

impl Password {
    pub const MIN_LEN: usize = 8;
    pub const MAX_LEN: usize = 128;

    /// Checks the policy: 8 to 128 characters, not a well-known password, not the e-mail itself,
    /// not one repeated character.
    pub fn parse(field: &str, raw: &str, email: Option<&Email>) -> Result<Self, ValidationError> {
        let length = raw.chars().count();
        if length < Self::MIN_LEN {
            return Err(ValidationError::new(
                field,
                format!(
                    "The password must have at least {} characters.",
                    Self::MIN_LEN
                ),
            ));
        }
        if length > Self::MAX_LEN {
            return Err(too_long(field, Self::MAX_LEN));
        }
        let lower = raw.to_lowercase();
        if COMMON_PASSWORDS.contains(&lower.as_str()) {
            return Err(ValidationError::new(
                field,
                "This password is too common; choose another.",
            ));
        }
        if let Some(email) = email
            && (lower == email.as_str() || lower == email.local_part())
        {
            return Err(ValidationError::new(
                field,
                "The password may not be your e-mail address.",
            ));
        }
        let mut chars = raw.chars();
        if let Some(first) = chars.next()
            && chars.all(|c| c == first)
        {
            return Err(ValidationError::new(
                field,
                "The password may not repeat one character.",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// A password given at sign-in: only bounded, never judged against the policy, because the
    /// policy may have changed since it was set.
    pub fn for_verification(raw: &str) -> Self {
        Self(raw.chars().take(Self::MAX_LEN * 4).collect())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// An IANA time-zone name such as `Europe/Berlin` or `UTC`.
pub fn timezone(field: &str, raw: &str) -> Result<String, ValidationError> {
    let value = raw.trim();
    match value.parse::<chrono_tz::Tz>() {
        Ok(zone) => Ok(zone.name().to_owned()),
        Err(_) => Err(ValidationError::new(
            field,
            format!("\"{value}\" is not a valid choice."),
        )),
    }
}

fn too_long(field: &str, max: usize) -> ValidationError {
    ValidationError::new(
        field,
        format!("Ensure this field has no more than {max} characters."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(Slug::parse("slug", "acme-2").is_ok());
        for bad in [
            "",
            "Acme",
            "acme_x",
            "-acme",
            "acme-",
            "a--b",
            "api",
            "ws",
            &"a".repeat(49),
        ] {
            assert!(
                Slug::parse("slug", bad).is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn identifiers_are_upper_cased_and_bounded() {
        assert_eq!(
            ProjectIdentifier::parse("identifier", " web ").map(|i| i.0),
            Ok("WEB".into())
        );
        assert!(ProjectIdentifier::parse("identifier", "ABCDEFGHIJKLM").is_err());
        assert!(ProjectIdentifier::parse("identifier", "A-B").is_err());
    }

    #[test]
    fn emails_are_normalised() {
        assert_eq!(
            Email::parse("email", " Ada@Example.COM ").map(|e| e.0),
            Ok("ada@example.com".into())
        );
        assert!(Email::parse("email", "not-an-email").is_err());
    }

    #[test]
    fn password_policy() {
        let email = Email::parse("email", "ada@example.com").ok();
        assert!(Password::parse("password", "correct horse", email.as_ref()).is_ok());
        for bad in ["short", "password", "aaaaaaaaaa", "ada@example.com"] {
            assert!(
                Password::parse("password", bad, email.as_ref()).is_err(),
                "{bad}"
            );
        }
    }
}
