//! The closed vocabularies of the co-production specification.

keyword_enum! {
    /// Where a course stands.
    CourseStatus {
        /// Referred, not yet assessed.
        Referred = "referred",
        /// Being assessed.
        Assessing = "assessing",
        /// Support under way.
        Active = "active",
        /// Paused.
        Paused = "paused",
        /// Closed.
        Closed = "closed",
    }
}

keyword_enum! {
    /// The plan a course works under.
    PlanKind {
        /// A child plan (§ 91).
        ChildPlan = "child_plan",
        /// A youth plan (from 16).
        YouthPlan = "youth_plan",
        /// No plan.
        NoPlan = "none",
    }
}

keyword_enum! {
    /// The kind of assessment.
    AssessmentKind {
        /// A child assessment before support (§ 20).
        ChildAssessment = "child_assessment",
        /// An assessment running alongside support already started (it bounds the first follow-up).
        Parallel = "parallel",
    }
}

keyword_enum! {
    /// Why a course closed.
    ClosureReason {
        /// Agreed by the young person and the processor.
        Mutual = "mutual",
        /// The young person ended it.
        UnilateralByYoungPerson = "unilateral_by_young_person",
        /// The young person moved.
        Moved = "moved",
        /// The young person aged out of support.
        AgedOut = "aged_out",
        /// Something else.
        Other = "other",
    }
}

keyword_enum! {
    /// The language a young person prefers.
    PreferredLanguage {
        /// Danish.
        Danish = "da",
        /// English.
        English = "en",
    }
}

keyword_enum! {
    /// The part of life a network relation belongs to (the eco-map's sectors).
    Sector {
        /// Family.
        Family = "family",
        /// Friends.
        Friends = "friends",
        /// School or work.
        SchoolWork = "school_work",
        /// Leisure.
        Leisure = "leisure",
        /// Professionals.
        Professional = "professional",
    }
}

keyword_enum! {
    /// How strong a relation is.
    Strength {
        /// Strong.
        Strong = "strong",
        /// Moderate.
        Moderate = "moderate",
        /// Tenuous.
        Tenuous = "tenuous",
    }
}

keyword_enum! {
    /// Which way support flows in a relation.
    Direction {
        /// Towards the young person.
        ToYoungPerson = "to_young_person",
        /// From the young person.
        FromYoungPerson = "from_young_person",
        /// Both ways.
        Mutual = "mutual",
        /// Neither way.
        NoSupport = "none",
    }
}

keyword_enum! {
    /// A role a network member takes in the course.
    NetworkRole {
        /// A safety person.
        SafetyPerson = "safety_person",
        /// A support person (at least 15 years old).
        SupportPerson = "support_person",
        /// Takes part in the plan.
        PlanParticipant = "plan_participant",
    }
}

keyword_enum! {
    /// The area of life a goal is about.
    LifeArea {
        /// School.
        School = "school",
        /// Family.
        Family = "family",
        /// Friends.
        Friends = "friends",
        /// Health.
        Health = "health",
        /// Leisure.
        Leisure = "leisure",
        /// Housing.
        Housing = "housing",
        /// Work.
        Work = "work",
        /// Safety.
        Safety = "safety",
        /// Something else.
        Other = "other",
    }
}

keyword_enum! {
    /// Where a goal stands.
    GoalStatus {
        /// Being worked on.
        Active = "active",
        /// Reached.
        Achieved = "achieved",
        /// Given up.
        Dropped = "dropped",
        /// Replaced by another goal.
        Replaced = "replaced",
    }
}

keyword_enum! {
    /// Where a step stands.
    StepStatus {
        /// Not started.
        Planned = "planned",
        /// Started.
        InProgress = "in_progress",
        /// Done.
        Done = "done",
        /// Not done.
        NotDone = "not_done",
    }
}

keyword_enum! {
    /// Who owns a step.
    OwnerKind {
        /// The young person.
        YoungPerson = "young_person",
        /// A member of the network.
        Network = "network",
        /// A member of staff (the processor).
        Staff = "staff",
    }
}

keyword_enum! {
    /// The kind of meeting.
    MeetingKind {
        /// A network meeting.
        NetworkMeeting = "network_meeting",
        /// A family group conference.
        FamilyGroupConference = "family_group_conference",
        /// A follow-up (§ 95).
        FollowUp = "follow_up",
        /// A conversation with the child.
        ChildConversation = "child_conversation",
        /// A supervision visit (§ 156).
        SupervisionVisit = "supervision_visit",
        /// A session.
        Session = "session",
    }
}

keyword_enum! {
    /// Who chaired a meeting: whether the young person led their own meeting is what a probe
    /// such as "the young person chairs their network meeting" measures (sensemaking.md §4,
    /// practice 3).
    Chair {
        /// The processor.
        Processor = "processor",
        /// The young person and the processor together.
        Together = "together",
        /// The young person.
        YoungPerson = "young_person",
        /// Someone from the young person's network.
        Network = "network",
    }
}

impl Chair {
    /// Whether the young person chaired or co-chaired.
    #[must_use]
    pub fn by_young_person(self) -> bool {
        matches!(self, Self::YoungPerson | Self::Together)
    }
}

keyword_enum! {
    /// How a participant took part in a meeting.
    Channel {
        /// In the room.
        InPerson = "in_person",
        /// Online.
        Online = "online",
        /// By a statement sent beforehand.
        AsyncStatement = "async_statement",
    }
}

keyword_enum! {
    /// Who gives a rating.
    RaterRole {
        /// The young person.
        YoungPerson = "young_person",
        /// A parent.
        Parent = "parent",
        /// A network member.
        Network = "network",
        /// The worker.
        Worker = "worker",
    }
}

keyword_enum! {
    /// How a rating was made.
    RatingMode {
        /// The rater alone.
        SelfRated = "self",
        /// Together, in a meeting.
        Collaborative = "collaborative",
        /// By the worker only.
        WorkerOnly = "worker_only",
    }
}

keyword_enum! {
    /// What a young person's statement is about.
    StatementTopic {
        /// Preparing a meeting.
        PrepareMeeting = "prepare_meeting",
        /// A worry (alerts the processor and the team manager).
        Worry = "worry",
        /// Good news.
        GoodNews = "good_news",
        /// A problem.
        Problem = "problem",
    }
}

keyword_enum! {
    /// Why a course needs attention.
    AlertKind {
        /// Session feedback under the thresholds.
        SessionFeedback = "session_feedback",
        /// A reliable deterioration in ratings.
        Deterioration = "deterioration",
        /// A worry or an unsafe flag in a statement.
        Worry = "worry",
    }
}

impl AlertKind {
    /// How serious the alert is, for ordering the worklist (higher first): a young person's
    /// worry, in their own words, above a reliable deterioration of their ratings, above low
    /// session feedback.
    #[must_use]
    pub fn severity(self) -> u8 {
        match self {
            Self::Worry => 2,
            Self::Deterioration => 1,
            Self::SessionFeedback => 0,
        }
    }
}
