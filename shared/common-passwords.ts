/**
 * Passwords of 10 characters or more that lead the public leak lists (NCSC's top 100,000,
 * RockYou, SecLists' most common), plus the Vietnamese ones seen in local leaks. Guessers
 * try these first; the list is short on purpose: it is shipped to the console too.
 * Compared lower-cased, spaces removed.
 */
const LIST = `
1234567890 0123456789 0987654321 9876543210 1234512345 1122334455 1111111111 0000000000
2222222222 5555555555 6666666666 7777777777 8888888888 9999999999 1212121212 1234554321
123456789a 123456789q 123456789z a123456789 q123456789 12345678910 123456789123 1234567890q
qwertyuiop qwerty1234 qwerty12345 qwerty123456 1qaz2wsx3edc 1q2w3e4r5t 1q2w3e4r5t6y zaq12wsxcde
asdfghjkl1 asdfghjkl; zxcvbnm123 qazwsxedc123 qweasdzxc123 1qazxsw23edc q1w2e3r4t5 a1b2c3d4e5
password12 password123 password1234 password12345 password01 password99 passw0rd123 p@ssw0rd123
p@ssword123 password!@# password@123 mypassword1 mypassword123 newpassword1 passwordpassword
iloveyou12 iloveyou123 iloveyou1234 princess123 sunshine123 football123 baseball123 superman123
welcome123 welcome1234 welcome@123 letmein123 trustno1234 changeme123 changeme1234 administrator
admin12345 admin123456 admin@1234 admin@12345 adminadmin admin1234567 administrator1 root123456
abcdefghij abcd123456 abc1234567 abcdef1234 abcde12345 aaaaaaaaaa abc123456789 abcabcabc123
computer123 internet123 monkey12345 dragon12345 master12345 starwars123 pokemon123 hello12345
helloworld helloworld1 helloworld123 qwertyuiop1 qwertyuiop123 testtest123 test123456 guest12345
matkhau123 matkhau1234 matkhau12345 matkhaumoi matkhau@123 anhyeuem123 anhyeuem1234 emyeuanh123
yeuemnhieu vietnam123 vietnam1234 vietnam@123 hanoi12345 saigon1234 hochiminh1 hochiminh123
nguyen1234 nguyen12345 tran123456 conyeume123 minhyeunhau yeuanhnhieu 12345678mk 123456789mk
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

/** True for a password every guesser tries early: on the list, one character repeated, or a run of digits. */
export function isCommonPassword(password: string): boolean {
  const plain = password.normalize('NFC').toLowerCase().replace(/\s+/g, '');
  if (COMMON_PASSWORDS.has(plain)) return true;
  if (/^(.)\1*$/u.test(plain)) return true;
  return /^\d+$/.test(plain) && ('01234567890123456789'.includes(plain) || '98765432109876543210'.includes(plain));
}
