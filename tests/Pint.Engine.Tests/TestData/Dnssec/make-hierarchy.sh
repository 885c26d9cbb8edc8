#!/usr/bin/env bash
# Builds a small signed DNS hierarchy under $1 and writes named.conf for one authoritative named on 127.0.0.1 port $2
# holding every zone of it (so it answers as a validating forwarder's upstream would: each name from its own zone, a
# DS from the parent's): the root (RSASHA256), the TLD test. (NSEC, ECDSAP256) and the zones below it.
# Zones under test.: secure (NSEC, wildcard), nsec3 (NSEC3 opt-out, RSASHA256, with an unsigned delegation
# insecure.nsec3.test), unsigned (no DS), badsig (a corrupted RRSIG), expired (RRSIGs of 2020), nods (signed, no DS
# in the parent: insecure), wrongds (a DS for another key: bogus), forged (a name's records cut out after signing,
# so its NXDOMAIN is not proven). Prints the root trust anchor as a dnsmasq trust-anchor= line on stdout.
set -euo pipefail
dir=$1 port=$2
mkdir -p "$dir" && cd "$dir"
soa() { printf '$TTL 300\n@ SOA ns.%s hostmaster.%s 1 3600 600 86400 300\n' "${1#.}" "${1#.}"; }
keys() { # zone algorithm [extra dnssec-keygen args] -> KSK and ZSK in the current folder
  local zone=$1 alg=$2; shift 2
  dnssec-keygen -q -a "$alg" -f KSK -n ZONE "$@" "$zone" >/dev/null
  dnssec-keygen -q -a "$alg" -n ZONE "$@" "$zone" >/dev/null
}
sign() { # zone file [extra dnssec-signzone args]
  local zone=$1 file=$2; shift 2
  for k in K"${zone%.}".+*.key; do echo "\$INCLUDE $k" >> "$file"; done
  dnssec-signzone -q -O full -o "$zone" -f "$file.signed" "$@" "$file" >/dev/null
}
leaf() { # name: SOA, NS and a few records
  soa "$1."
  printf '@ NS ns.%s.\nns A 127.0.0.1\nwww A 192.0.2.1\nwww TXT "hello"\nmail MX 10 www\nalias CNAME www\n' "$1"
}

# Leaf zones, served by 127.0.0.1.
for z in secure nsec3 unsigned badsig expired nods wrongds forged; do leaf "$z.test" > "$z.test.zone"; done
echo '*.wild A 192.0.2.9' >> secure.test.zone
echo 'gone A 192.0.2.66' >> forged.test.zone
printf 'insecure NS ns.insecure\nns.insecure A 127.0.0.1\n' >> nsec3.test.zone
{ soa insecure.nsec3.test.; echo '@ NS ns.insecure.nsec3.test.'; echo 'ns A 127.0.0.1'; echo 'www A 192.0.2.7'; } > insecure.nsec3.test.zone
keys secure.test ECDSAP256SHA256; sign secure.test. secure.test.zone
keys nsec3.test RSASHA256; sign nsec3.test. nsec3.test.zone -3 - -H 0 -A
keys badsig.test ECDSAP256SHA256; sign badsig.test. badsig.test.zone
keys expired.test ECDSAP256SHA256 -P 20190101000000 -A 20190101000000; sign expired.test. expired.test.zone -P -s 20200101000000 -e 20200201000000
keys nods.test ECDSAP256SHA256; sign nods.test. nods.test.zone
keys wrongds.test ECDSAP256SHA256; sign wrongds.test. wrongds.test.zone
keys forged.test ECDSAP256SHA256; sign forged.test. forged.test.zone
# badsig: flip the signature of www A (the last base64 characters before the end of the line).
awk '$1 ~ /^www\.badsig\.test\.$/ && $4 == "RRSIG" && $5 == "A" { s = $NF; $NF = (substr(s,1,1) == "A" ? "B" : "A") substr(s,2) } { print }' \
  badsig.test.zone.signed > x && mv x badsig.test.zone.signed
# forged: the name gone. goes, with the NSEC that named it (alias. NSEC gone.) and that NSEC's RRSIG: the NXDOMAIN
# named then gives for gone. carries an NSEC that does not cover it (forged.test. NSEC alias.), so it proves nothing.
grep -v '^gone\.forged\.test\.' forged.test.zone.signed | awk '!($1 == "alias.forged.test." && ($4 == "NSEC" || ($4 == "RRSIG" && $5 == "NSEC")))' > x \
  && mv x forged.test.zone.signed
# wrongds: the parent gets the DS of a key the zone does not have.
mkdir -p other && (cd other && dnssec-keygen -q -a ECDSAP256SHA256 -f KSK -n ZONE wrongds.test >/dev/null)

# The TLD, served by 127.0.0.1: delegations, with the DS of the signed ones (not nods).
{
  soa test.; echo '@ NS ns.test.'; echo 'ns A 127.0.0.1'
  for z in secure nsec3 unsigned badsig expired nods wrongds forged; do echo "$z NS ns.$z"; echo "ns.$z A 127.0.0.1"; done
  for z in secure nsec3 badsig expired forged; do cat dsset-"$z".test.; done
  dnssec-dsfromkey -2 other/Kwrongds.test.+*.key
} > test.zone
keys test ECDSAP256SHA256; sign test. test.zone

# The root, served by 127.0.0.1.
{ soa .; echo '@ NS a.root-servers.net.'; echo 'a.root-servers.net. A 127.0.0.1'; echo 'test. NS ns.test.'; echo 'ns.test. A 127.0.0.1'; cat dsset-test.; } > root.zone
keys . RSASHA256; sign . root.zone
printf '. 3600000 NS a.root-servers.net.\na.root-servers.net. 3600000 A 127.0.0.1\n' > root.hints

zones() { for z in "$@"; do printf '  zone "%s" { type primary; file "%s/%s"; };\n' "$z" "$dir" "$( [ "$z" = . ] && echo root.zone.signed || echo "$z.zone$( [ "$z" = insecure.nsec3.test ] || [ "$z" = unsigned.test ] || echo .signed)")"; done; }
cat > named.conf <<CONF
options {
  directory "$dir"; pid-file "$dir/named.pid"; port $port;
  listen-on port $port { 127.0.0.1; }; listen-on-v6 { none; }; recursion no;
  notify no; dnssec-validation no; minimal-responses no; querylog yes;
};
controls { };
logging { channel q { file "$dir/query.log"; print-time yes; }; category queries { q; }; category default { q; }; };
$(zones . test secure.test nsec3.test unsigned.test badsig.test expired.test nods.test wrongds.test forged.test insecure.nsec3.test)
CONF
# The root's KSK as a trust anchor line (dnssec-dsfromkey: ". IN DS tag alg type digest").
ksk=$(grep -l 'DNSKEY 257' K.+*.key)
dnssec-dsfromkey -2 "$ksk" | awk '{ printf "trust-anchor=.,%s,%s,%s,%s\n", $4, $5, $6, $7 }'
