/**
 * A certificate for `tls.test` and its key, for tests only: self-signed (so it is its own
 * authority), valid 2000-2099, made with `openssl ca -selfsign -startdate 20000101000000Z`
 * (subjectAltName DNS:tls.test, CA:TRUE). Nothing trusts it unless a test passes it as `ca`.
 */
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgu3/8iXYBbruWweBR
naTKwLSBp3ijEf2/udUuRNKINKyhRANCAAQLqVupLK+o0aMJwCxvOA8R3t1ZRPAm
AD4TosPa6i8oRzrGPqtuoD0BDF/DPfhlWi/SYb/2pE3O55pDS4MH6kCw
-----END PRIVATE KEY-----
`;

export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBbDCCARGgAwIBAgIBATAKBggqhkjOPQQDAjATMREwDwYDVQQDDAh0bHMudGVz
dDAgFw0wMDAxMDEwMDAwMDBaGA8yMDk5MTIzMTAwMDAwMFowEzERMA8GA1UEAwwI
dGxzLnRlc3QwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAQLqVupLK+o0aMJwCxv
OA8R3t1ZRPAmAD4TosPa6i8oRzrGPqtuoD0BDF/DPfhlWi/SYb/2pE3O55pDS4MH
6kCwo1QwUjATBgNVHREEDDAKggh0bHMudGVzdDAPBgNVHRMBAf8EBTADAQH/MAsG
A1UdDwQEAwIChDAdBgNVHQ4EFgQUByzJp8+i4SKFlwQCEvdlHmXbiR0wCgYIKoZI
zj0EAwIDSQAwRgIhAMPCHsRRnREf41wsZcxYV6QsS0mxPeSahDClCt6HjkH5AiEA
kSok9qvbf0Eup2Cvelj0y9o+zY8LgqU3WF134SQn1SY=
-----END CERTIFICATE-----
`;
