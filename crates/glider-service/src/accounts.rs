//! Accounts: users, sign-in, sessions, refresh tokens and API tokens.

mod actor;
pub mod api_tokens;
pub mod auth;
pub mod avatar;
pub mod magic_link;
pub mod password_reset;
pub mod passwords;
pub mod profile;
pub mod tokens;

pub use actor::{
    Actor, AuthMethod, authenticate_api_key, authenticate_bearer, authenticate_cookie,
};
