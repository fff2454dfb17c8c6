-- Two outcomes of calls that did not connect to the dialed number (12 CFR 1006.14(b)(3)(ii)):
-- NOT_IN_SERVICE (unallocated / disconnected / changed number) and NETWORK_FAILURE (the network
-- could not carry the call). FAILED now means "failed, unknown whether it connected".
alter table attempt drop constraint attempt_outcome_check;
alter table attempt add constraint attempt_outcome_check
    check (outcome in ('NO_ANSWER', 'BUSY', 'FAILED', 'NOT_IN_SERVICE', 'NETWORK_FAILURE', 'MACHINE', 'ANSWERED',
                       'ABANDONED', 'CONVERSATION', 'RIGHT_PARTY_CONTACT', 'UNKNOWN'));
