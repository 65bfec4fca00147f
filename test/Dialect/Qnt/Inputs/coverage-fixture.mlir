// expected-error @+1 {{plain message}}
// expected-error@-2 {{expects filter of rank 4, got 3}}
// expected-error {{located message}}
// expected-error @below {{quote '"' and b end}}
