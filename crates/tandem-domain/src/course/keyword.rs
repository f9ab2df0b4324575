//! Closed vocabularies stored and sent as snake-case words.

/// A word that is not one of a vocabulary's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown value")]
pub struct UnknownKeyword;

/// Declares an enum whose variants are stored as fixed words, with `ALL`, `as_str`, `parse` and
/// serialization as the word. One macro keeps the dozen vocabularies of the specification
/// identical in behaviour.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stored word.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            /// Parses the stored word.
            ///
            /// # Errors
            /// [`UnknownKeyword`](crate::course::UnknownKeyword) for anything else.
            pub fn parse(text: &str) -> Result<Self, $crate::course::UnknownKeyword> {
                match text {
                    $($text => Ok(Self::$variant),)+
                    _ => Err($crate::course::UnknownKeyword),
                }
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
