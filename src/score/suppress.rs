//! Small-number suppression that no one can undo. A figure is shown only when it rests on
//! at least the minimum number of answers (11 by default: the NHS Staff Survey suppresses
//! results based on fewer than 11 responses): per group, and per item within a group.
//! Suppressing one small figure is not enough, for the total less the shown groups gives
//! it back; so, for the respondents and for each item, what suppression hides is either
//! nothing or at least the minimum, and where it would be less, further groups (or an
//! item's figures in further groups) are suppressed, smallest first. A group's theme and
//! overall figures are shown only when none of the items behind them is suppressed in
//! that group, or they would give the suppressed item back.
//!
//! The whole survey is held to the same rule by the same plan: it is planned as one
//! group (`whole`), so an item rated by fewer than the minimum is suppressed, a theme
//! or the overall that includes it is hidden, and a file of fewer respondents than the
//! minimum shows no figure at all.

/// The NHS Staff Survey's rule: no result based on fewer than 11 responses.
pub const NHS_MINIMUM: u64 = 11;

/// Why a figure is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// It rests on fewer answers than the minimum.
    TooFew,
    /// It would let a smaller, suppressed figure be worked out from the total.
    Complementary,
    /// A group's theme or overall figure that includes an item suppressed in the group.
    IncludesSuppressed,
}

impl Reason {
    /// In words, as every suppressed cell says it.
    pub fn text(self, min: u64) -> String {
        match self {
            Reason::TooFew => format!("fewer than {min} answers"),
            Reason::Complementary => {
                "suppressed so that a smaller group's figures cannot be worked out".to_string()
            }
            Reason::IncludesSuppressed => "includes an item suppressed in this group".to_string(),
        }
    }

    /// In words, for a whole-survey figure (the survey is planned as one group, so a
    /// theme's reason names the item, not a group).
    pub fn survey_text(self, min: u64) -> String {
        match self {
            Reason::IncludesSuppressed => {
                format!("includes an item with fewer than {min} answers")
            }
            other => other.text(min),
        }
    }
}

/// What to suppress, per group and per item within each group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Per group: why the whole group is suppressed, if it is.
    pub groups: Vec<Option<Reason>>,
    /// Per group, per item: why the item's figures in that group are suppressed. Every
    /// item of a suppressed group is suppressed with the group's reason.
    pub items: Vec<Vec<Option<Reason>>>,
}

/// Plans the suppression of groups of `respondents[g]` people, `answers[g][i]` of whom
/// rated item `i`.
pub fn plan(respondents: &[u64], answers: &[Vec<u64>], min: u64) -> Plan {
    let mut groups: Vec<Option<Reason>> = respondents
        .iter()
        .map(|r| (*r < min).then_some(Reason::TooFew))
        .collect();
    // The respondents hidden: none, or at least the minimum.
    loop {
        let hidden: u64 = (0..groups.len())
            .filter(|g| groups[*g].is_some())
            .map(|g| respondents[g])
            .sum();
        if hidden == 0 || hidden >= min {
            break;
        }
        let next = (0..groups.len())
            .filter(|g| groups[*g].is_none() && respondents[*g] > 0)
            .min_by_key(|g| respondents[*g]);
        match next {
            Some(g) => groups[g] = Some(Reason::Complementary),
            None => break,
        }
    }

    let width = answers.iter().map(Vec::len).max().unwrap_or(0);
    let mut items: Vec<Vec<Option<Reason>>> = groups.iter().map(|g| vec![*g; width]).collect();
    for i in 0..width {
        let n = |g: usize| answers[g].get(i).copied().unwrap_or(0);
        for (g, row) in items.iter_mut().enumerate() {
            if row[i].is_none() && n(g) > 0 && n(g) < min {
                row[i] = Some(Reason::TooFew);
            }
        }
        // The item's answers hidden: none, or at least the minimum.
        loop {
            let hidden: u64 = (0..items.len())
                .filter(|g| items[*g][i].is_some())
                .map(n)
                .sum();
            if hidden == 0 || hidden >= min {
                break;
            }
            let next = (0..items.len())
                .filter(|g| items[*g][i].is_none() && n(*g) > 0)
                .min_by_key(|g| n(*g));
            match next {
                Some(g) => items[g][i] = Some(Reason::Complementary),
                None => break,
            }
        }
    }
    Plan { groups, items }
}

/// Plans the suppression of a whole survey of `respondents` people, `answers[i]` of whom
/// rated item `i`: the same plan, of one group. Its only group is index 0.
pub fn whole(respondents: u64, answers: &[u64], min: u64) -> Plan {
    plan(&[respondents], &[answers.to_vec()], min)
}

impl Plan {
    /// Why a group's figure over `members` (the items of a theme, or all of them) is not
    /// shown: the group's own reason, or that one of those items is suppressed in it.
    pub fn over(&self, group: usize, members: impl IntoIterator<Item = usize>) -> Option<Reason> {
        self.groups[group].or_else(|| {
            members
                .into_iter()
                .any(|i| self.items[group].get(i).copied().flatten().is_some())
                .then_some(Reason::IncludesSuppressed)
        })
    }

    /// Whether a group was suppressed only to protect another (the groups an analyst may
    /// want to `--combine`).
    pub fn complementary(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.groups.len()).filter(|g| self.groups[*g] == Some(Reason::Complementary))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(respondents: &[u64], min: u64) -> Vec<Option<Reason>> {
        let answers: Vec<Vec<u64>> = respondents.iter().map(|r| vec![*r]).collect();
        plan(respondents, &answers, min).groups
    }

    use Reason::*;

    #[test]
    fn small_groups_are_suppressed() {
        assert_eq!(groups(&[12, 30, 40, 25], 11), vec![None, None, None, None]);
        assert_eq!(
            groups(&[12, 30, 4, 13], 11),
            vec![Some(Complementary), None, Some(TooFew), None]
        );
    }

    #[test]
    fn subtraction_two_small_groups_hiding_three_people_take_the_next_smallest() {
        // Doctors 20, Nurses 20, Board 1, Chaplaincy 2: the total less the two shown
        // groups would give the three hidden members' ratings exactly.
        assert_eq!(
            groups(&[20, 20, 1, 2], 11),
            vec![Some(Complementary), None, Some(TooFew), Some(TooFew)]
        );
    }

    #[test]
    fn two_small_groups_hiding_enough_between_them_take_no_other() {
        assert_eq!(
            groups(&[20, 6, 7], 11),
            vec![None, Some(TooFew), Some(TooFew)]
        );
    }

    #[test]
    fn a_lone_small_group_hides_what_it_can() {
        // One group of 4: nothing else to suppress; the file as a whole is too small,
        // which every report warns of.
        assert_eq!(groups(&[4], 11), vec![Some(TooFew)]);
        assert_eq!(
            groups(&[3, 50], 11),
            vec![Some(TooFew), Some(Complementary)]
        );
    }

    #[test]
    fn per_question_a_group_of_12_with_one_rating_hides_that_item() {
        // Porters 12 (11 said not applicable to item 0), Nurses 30, Doctors 40.
        let p = plan(
            &[12, 30, 40],
            &[vec![1, 12], vec![30, 30], vec![40, 35]],
            11,
        );
        assert_eq!(p.groups, vec![None, None, None]);
        assert_eq!(p.items[0], vec![Some(TooFew), None]);
        // The one rating would be the total less the others: Nurses' item 0 goes too.
        assert_eq!(p.items[1], vec![Some(Complementary), None]);
        assert_eq!(p.items[2], vec![None, None]);
        assert_eq!(p.over(0, [0, 1]), Some(IncludesSuppressed));
        assert_eq!(p.over(0, [1]), None);
        assert_eq!(p.over(2, [0, 1]), None);
    }

    #[test]
    fn the_whole_survey_is_one_group_of_the_same_plan() {
        // 40 respondents; item 1 rated by 10 (the rest said not applicable).
        let p = whole(40, &[40, 10, 0], 11);
        assert_eq!(p.groups, vec![None]);
        assert_eq!(p.items[0], vec![None, Some(TooFew), None]);
        assert_eq!(p.over(0, [0, 1]), Some(IncludesSuppressed));
        assert_eq!(p.over(0, [0, 2]), None);
        // 8 respondents: nothing is shown.
        let p = whole(8, &[8, 8], 11);
        assert_eq!(p.groups, vec![Some(TooFew)]);
        assert_eq!(p.items[0], vec![Some(TooFew), Some(TooFew)]);
        assert_eq!(p.over(0, [0]), Some(TooFew));
        assert_eq!(
            IncludesSuppressed.survey_text(11),
            "includes an item with fewer than 11 answers"
        );
    }

    #[test]
    fn no_minimum_suppresses_nothing() {
        assert_eq!(groups(&[1, 2], 0), vec![None, None]);
        assert_eq!(groups(&[1, 2], 1), vec![None, None]);
    }
}
