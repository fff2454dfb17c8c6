-- Failed sign-ins are limited per (user name, address) pair with exponential back-off, and per
-- address; a wrong password from one address no longer locks the account for the others.
-- Replaces login_failure, which counted per user name (anyone could lock anyone out).
drop table login_failure;

create table login_throttle (
    username      text        not null,
    address       text        not null,
    -- guesses since the last success (or since a quiet window), counted before the password is checked
    guesses       int         not null,
    last_at       timestamptz not null,
    blocked_until timestamptz,
    primary key (username, address)
);

create table login_address_throttle (
    address      text primary key,
    failures     int         not null,
    window_start timestamptz not null
);
