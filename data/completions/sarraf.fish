# fish completion for sarraf(1): options, their values, commands, and the
# currency codes of the active table (`sarraf -t list`, --offline so that a
# Tab never waits on the network).
# Installed as share/fish/vendor_completions.d/sarraf.fish.

function __sarraf_codes
    set -l tokens (commandline -opc)
    set -l rates
    for i in (seq 2 (count $tokens))
        switch $tokens[$i]
            case -r --rates
                set -l j (math $i + 1)
                test $j -le (count $tokens); and set rates -r $tokens[$j]
            case '--rates=*'
                set rates -r (string replace -- '--rates=' '' $tokens[$i])
        end
    end
    $tokens[1] --offline $rates -t list 2>/dev/null
end

function __sarraf_no_operand
    set -l tokens (commandline -opc)
    for t in $tokens[2..-1]
        string match -qr -- '^-' $t; or return 1
    end
    return 0
end

complete -c sarraf -f
complete -c sarraf -n __sarraf_no_operand -a 'list rate fetch history'
complete -c sarraf -n 'not __sarraf_no_operand' -a '(__sarraf_codes)' -d 'currency'
complete -c sarraf -s r -l rates -r -F -a 'official official:nbk official:nbkr official:nbt official:cbu' -d 'the rate table: a file, a URL or URL template, or official[:BANK]'
complete -c sarraf -l max-age -x -d 'use a cached copy younger than AGE (30m, 6h, 1d)'
complete -c sarraf -l offline -d 'never fetch: use the cached copy'
complete -c sarraf -l timeout -x -d 'timeout of a fetch, in seconds'
complete -c sarraf -l bank -x -a 'nbk nbkr nbt cbu' -d 'with -r official, the bank that answers every pair it can'
complete -c sarraf -l official -f -a 'nbk nbkr nbt cbu' -d 'official rates of the central banks (=nbk, nbkr, nbt, cbu: one bank)'
complete -c sarraf -s t -l terse -d 'print only the number'
complete -c sarraf -s p -l precision -x -a '(seq 0 18)' -d 'digits after the point'
complete -c sarraf -l round -x -a 'half-up half-even half-down up down ceiling floor' -d 'the rounding mode'
complete -c sarraf -l output -x -a 'text json csv tsv ledger beancount' -d 'records instead of text'
complete -c sarraf -l date -x -d 'the rates in effect on a day (YYYY-MM-DD)'
complete -c sarraf -l since -x -d 'the first day of history (YYYY-MM-DD)'
complete -c sarraf -l until -x -d 'the last day of history (YYYY-MM-DD)'
complete -c sarraf -l base -x -a '(__sarraf_codes)' -d 'the base of a feed that names none'
complete -c sarraf -l date-field -x -d "the field holding each line's day"
complete -c sarraf -l grouped -d 'digit groups after a number are part of it'
complete -c sarraf -l decimal-comma -d 'a comma is the decimal point, in amounts and answers'
complete -c sarraf -l explain -d 'show how the answer was reached'
complete -c sarraf -l from -x -a '(__sarraf_codes)' -d 'the currency of a stream'
complete -c sarraf -l to -x -a '(__sarraf_codes)' -d 'a target currency of a stream'
complete -c sarraf -l field -x -d 'the fields to convert (2, 2,4-5)'
complete -c sarraf -s d -l delimiter -x -d 'the field separator'
complete -c sarraf -l from-field -x -d 'the field holding the currency'
complete -c sarraf -l header -d 'pass the first N lines through'
complete -c sarraf -l append -d 'add the results as new fields'
complete -c sarraf -s z -l zero-terminated -d 'records end with NUL'
complete -c sarraf -l invalid -x -a 'abort fail warn ignore' -d 'what a bad line does'
complete -c sarraf -s h -l help -d 'show the help'
complete -c sarraf -s V -l version -d 'show the versions'
