package dev.kolide.fleet.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PasswordRuleTest {

    @ParameterizedTest(name = "\"{0}\" accepted")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abcde1!",              // exactly 7
        "1234567!",
        "password1$",           // $ is a currency symbol
        "pass word 1+",         // + is a math symbol, spaces are fine
        "pässwörd1_",           // _ is connector punctuation
        "abcdef٣!",             // Arabic-Indic digit three is a number
        "abcdef½!",             // vulgar fraction is a number (No)
        "abcdef1€",             // euro sign
        "abcde1😀",            // emoji: a symbol; 7 characters although 8 UTF-16 units
    })
    void passwordsWithSevenCharactersANumberAndASymbolAreAccepted(String password) {
        assertThat(PasswordRule.check(password)).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "abcd1!|is too short",
        "\"\"|is too short, has no number and has no symbol",
        "abcdefgh!|has no number",
        "abcdefgh1|has no symbol",
        "abcdefg h1|has no symbol",      // a space is not a symbol
        "abcdefgh|has no number and has no symbol",
        "ü1!ü1!|is too short",           // 8 UTF-8 bytes, 6 characters
        "abc1!|is too short",
        "😀😀😀1|is too short",          // 4 characters, 7 UTF-16 units
    })
    void passwordsMissingSomethingAreRefusedSayingWhat(String password, String missing) {
        assertThat(PasswordRule.check(password)).hasValue(
                "must be at least 7 characters long and contain a number and a symbol (this one " + missing + ")");
    }
}
