# The catalogue of bad inputs (issue 5): amounts.
# Each case: the exact status, the message, and nothing on stdout (no expected lines = stdout must be empty).
# None may crash, hang or print a number; make valgrind runs them under memcheck too.

## signs
$ -- '+-1' KZT USD
2> sarraf: invalid amount '+-1'
=> 1

$ -- '++1' KZT USD
2> sarraf: invalid amount '++1'
=> 1

$ -- '1-' KZT USD
2> sarraf: invalid amount '1-'
=> 1

$ -- '1+' KZT USD
2> sarraf: invalid amount '1+'
=> 1

$ -- '+' KZT USD
2> sarraf: invalid amount '+'
=> 1

$ -- '-.' KZT USD
2> sarraf: invalid amount '-.'
=> 1

## a sign and a letter is an unknown option, not a negative amount
$ -inf KZT USD
2> sarraf: unknown option '-i'
2> Try 'sarraf --help'
=> 2

$ -+1 KZT USD
2> sarraf: unknown option '-+'
=> 2

## the Unicode minus sign is not a sign
$ −5 KZT USD
2> sarraf: invalid amount '−5'
=> 1

## exponents: cut short, doubled, fractional, too long
$ 1e KZT USD
2> sarraf: invalid amount '1e'
=> 1

$ 1e+ KZT USD
2> sarraf: invalid amount '1e+'
=> 1

$ e5 KZT USD
2> sarraf: invalid amount 'e5'
=> 1

$ 1e5e5 KZT USD
2> sarraf: invalid amount '1e5e5'
=> 1

$ 1.5e KZT USD
2> sarraf: invalid amount '1.5e'
=> 1

$ .e1 KZT USD
2> sarraf: invalid amount '.e1'
=> 1

$ 1e5.5 KZT USD
2> sarraf: invalid amount '1e5.5'
=> 1

$ 1E1000000000 KZT USD
2> sarraf: amount '1E1000000000' is out of range
=> 1

$ 1e-1000000000 KZT USD
2> sarraf: amount '1e-1000000000' is out of range
=> 1

## a long exponent followed by garbage is invalid, not out of range (found by fuzz_decimal)
$ 2.5E-3000000000000x KZT USD
2> sarraf: invalid amount '2.5E-3000000000000x'
=> 1

## an exponent that parses but whose result does not fit
$ 1e99999 KZT USD
2> sarraf: result of 1e99999 KZT in USD is out of range (|result| < 10^20)
=> 1

## separators: mixed, doubled, misplaced, a decimal comma
$ '1 000 0' KZT USD
2> sarraf: invalid amount '1 000 0'
=> 1

$ '1,000.5,0' KZT USD
2> sarraf: invalid amount '1,000.5,0'
=> 1

$ '1__000' KZT USD
2> sarraf: invalid amount '1__000'
=> 1

$ "1''000" KZT USD
2> sarraf: invalid amount '1''000'
=> 1

$ '1 000,000' KZT USD
2> sarraf: ambiguous amount '1 000,000': a thousands comma or a decimal comma? (write 1 000 000 or 1 000.000)
=> 1

$ '1.000.000' KZT USD
2> sarraf: invalid amount '1.000.000'
=> 1

$ '1_000_00' KZT USD
2> sarraf: invalid amount '1_000_00'
=> 1

$ '1,5,5' KZT USD
2> sarraf: invalid amount '1,5,5'
=> 1

$ '1	5' KZT USD
2> sarraf: invalid amount '1	5'
=> 1

$ '1 5' KZT USD
2> sarraf: invalid amount '1 5'
=> 1

## the one-comma group stays ambiguous
$ 12,500 KZT USD
2> sarraf: ambiguous amount '12,500'
=> 1

## other number notations
$ 0x1p3 KZT USD
2> sarraf: invalid amount '0x1p3'
=> 1

$ '1/2' KZT USD
2> sarraf: invalid amount '1/2'
=> 1

$ '½' KZT USD
2> sarraf: invalid amount '½'
=> 1

$ '∞' KZT USD
2> sarraf: invalid amount '∞'
=> 1

$ 'Infinity' KZT USD
2> sarraf: invalid amount 'Infinity'
=> 1

$ 'NaN' KZT USD
2> sarraf: invalid amount 'NaN'
=> 1

$ '5%' KZT USD
2> sarraf: invalid amount '5%'
=> 1

$ '$$5' KZT USD
2> sarraf: invalid amount '$$5'
=> 1

$ '$5kzt' KZT USD
2> sarraf: invalid amount '$5kzt'
=> 1

$ 'abc' KZT USD
2> sarraf: invalid amount 'abc'
=> 1

## non-ASCII digits: Arabic-Indic, fullwidth, Devanagari, the Arabic decimal separator
$ ١٢٣ KZT USD
2> sarraf: invalid amount '١٢٣'
=> 1

$ １２３ KZT USD
2> sarraf: invalid amount '１２３'
=> 1

$ १२ KZT USD
2> sarraf: invalid amount '१२'
=> 1

$ 12٫5 KZT USD
2> sarraf: invalid amount '12٫5'
=> 1

$ ۱۲۳ KZT USD
2> sarraf: invalid amount '۱۲۳'
=> 1

## overflow: 40 digits, 39 significant digits, 38 digits and a 39th after the point
$ 1234567890123456789012345678901234567890 KZT USD
2> sarraf: amount '1234567890123456789012345678901234567890' is out of range
=> 1

$ 99999999999999999999.9999999999999999999 KZT USD
2> sarraf: amount '99999999999999999999.9999999999999999999' is out of range
=> 1

$ -- -1234567890123456789012345678901234567890 KZT USD
2> sarraf: amount '-1234567890123456789012345678901234567890' is out of range
=> 1

## a result of 10^20 or more is an error, never wrapped
$ 99999999999999999999 USD UZS
2> sarraf: result of 99999999999999999999 USD in UZS is out of range
=> 1

## empty, and blanks only
$ '' KZT USD
2> sarraf: invalid amount ''
=> 1

$ ' ' KZT USD
2> sarraf: invalid amount ' '
=> 1

## an operand over 256 bytes
sh$ "$SARRAF" "$(printf '%0300d' 1)" KZT USD
2> sarraf: invalid amount '000000
=> 1

