package dialer.compliance;

public enum Verdict { ALLOW, BLOCK }
