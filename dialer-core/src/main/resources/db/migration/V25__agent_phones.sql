-- Agent phones defined in the dialer (issue 10): a desk phone or softphone (SIP) or the browser
-- phone in the agent console (WEBRTC). The dialer makes the SIP account, writes it into Asterisk
-- (pjsip_dialer_phones.conf over AMI) and rings PJSIP/<sip_username> as the agent's phone.
-- Agents whose phone is a dial string of their own (DIAL_STRING) have no row here.
create table agent_phone (
    agent_id     bigint primary key references agent (id),
    phone_type   text not null check (phone_type in ('SIP', 'WEBRTC')),
    sip_username text not null unique,
    -- Asterisk needs the secret itself (inbound_auth/password) and the browser phone signs in with it
    sip_password text not null,
    created_at   timestamptz not null default now()
);
